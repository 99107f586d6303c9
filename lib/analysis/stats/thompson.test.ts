import { describe, expect, it } from "vitest";
import { largestRemainder, thompsonAllocation, TOTAL_BPS } from "./thompson";

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("thompsonAllocation", () => {
  const arms = [
    { successes: 100, failures: 900 },
    { successes: 160, failures: 840 },
    { successes: 95, failures: 905 },
  ];

  it("returns integer basis points summing to exactly 10000", () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const r = thompsonAllocation(arms, { floorBps: 500, seed, draws: 2000 });
      expect(sum(r.weights)).toBe(TOTAL_BPS);
      r.weights.forEach((w) => expect(Number.isInteger(w)).toBe(true));
    }
  });

  it("respects per-arm floors", () => {
    const floors = [1000, 2500, 3000];
    const r = thompsonAllocation(arms, { floorBps: floors, seed: 7, draws: 2000 });
    r.weights.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(floors[i]));
    expect(sum(r.weights)).toBe(TOTAL_BPS);
  });

  it("favours a clearly better arm", () => {
    const r = thompsonAllocation(arms, { floorBps: 500, seed: 11, draws: 5000 });
    expect(r.weights[1]).toBeGreaterThan(8000);
    expect(r.winProbability[1]).toBeGreaterThan(0.99);
  });

  it("is reproducible for a seed", () => {
    const a = thompsonAllocation(arms, { floorBps: 100, seed: 99, draws: 1000 });
    const b = thompsonAllocation(arms, { floorBps: 100, seed: 99, draws: 1000 });
    expect(a.weights).toEqual(b.weights);
  });

  it("splits evenly-matched arms roughly evenly", () => {
    const even = [
      { successes: 50, failures: 50 },
      { successes: 50, failures: 50 },
    ];
    const r = thompsonAllocation(even, { floorBps: 0, seed: 5, draws: 4000 });
    expect(Math.abs(r.weights[0] - 5000)).toBeLessThan(500);
  });

  it("rejects floors that cannot be met", () => {
    expect(() => thompsonAllocation(arms, { floorBps: 4000, seed: 1 })).toThrow(RangeError);
    expect(() => thompsonAllocation(arms, { floorBps: [1.5, 0, 0], seed: 1 })).toThrow(RangeError);
  });
});

describe("largestRemainder", () => {
  it("sums exactly and breaks ties towards the lower index", () => {
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 10000)).toEqual([3334, 3333, 3333]);
    expect(sum(largestRemainder([0.1234, 0.5678, 0.3088], 9997))).toBe(9997);
  });
});
