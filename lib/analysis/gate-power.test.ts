import { describe, expect, it } from "vitest";
import { DEFAULT_GATES, gatesSchema, type CompareGate, type Gate } from "./default-gates";
import { evaluateGate } from "./evaluate-gate";
import { passProbability, PASS_POWER, samplesToPass } from "./gate-power";
import { totals, windowOf } from "./testing-window";

const gates = gatesSchema.parse(DEFAULT_GATES);
const gate = (name: string) => gates.find((g) => g.name === name)! as CompareGate;
const verdict = (g: Gate, champion: ReturnType<typeof totals>, challenger: ReturnType<typeof totals>) =>
  evaluateGate(g, windowOf({ champion: { "*": champion }, challenger: { "*": challenger } }));

/** Deterministic PRNG (mulberry32), so the simulation gives the same answer on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
function binomial(n: number, p: number, random: () => number): number {
  if (n * p * (1 - p) > 50) {
    // Normal approximation (Box–Muller) for big arms: the simulation stays fast.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
  }
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
}

describe("waiting for data vs inconclusive", () => {
  it("the error-rate gate at 0 errors vs 0 errors waits until its sample, then passes", () => {
    const g = gate("error-rate");
    const need = samplesToPass(g, totals({ requests: 90_000 }), 9);
    // 0 errors in n rules out about 4.3/n: it takes ~1 000 requests to rule out a 0.5 point rise.
    expect(need).toBeGreaterThan(g.minSamples);
    expect(need).toBeLessThan(1_500);
    const early = verdict(g, totals({ requests: 9 * 600 }), totals({ requests: 600 }));
    expect(early).toMatchObject({
      verdict: "waiting",
      reason: expect.stringContaining(`600 of ${need} on challenger`),
    });
    expect(early.evidence.progress).toEqual({ variant: "challenger", have: 600, need, noun: "requests" });
    expect(verdict(g, totals({ requests: 9 * need }), totals({ requests: need })).verdict).toBe("pass");
  });

  it("the latency gate passes a challenger a few ms slower than a fast champion at its sample, and never fails it", () => {
    const g = gate("latency-p95");
    const champion = totals({ requests: 20_000, latencyMs: 2 });
    const need = samplesToPass(g, champion, 9);
    expect(need).toBeLessThanOrEqual(g.minSamples);
    for (const n of [40, 100, 300])
      expect(verdict(g, champion, totals({ requests: n, latencyMs: 6 })).verdict).not.toBe("fail");
    expect(verdict(g, champion, totals({ requests: g.minSamples, latencyMs: 6 })).verdict).toBe("pass");
    // 50 % and 25 ms slower is still a regression.
    expect(
      verdict(g, totals({ requests: 20_000, latencyMs: 40 }), totals({ requests: 2_000, latencyMs: 120 })).verdict,
    ).toBe("fail");
  });

  it("a gate with its sample that still can't decide is inconclusive, not waiting", () => {
    const g = gate("accuracy");
    const champion = totals({ requests: 20_000, labelled: 20_000, correct: 17_800 });
    const need = samplesToPass(g, champion, 9);
    // 85 % vs 89 %: not bad enough to fail (limit −10 %), too close to the limit to pass yet.
    const r = verdict(g, champion, totals({ requests: need, labelled: need, correct: Math.round(need * 0.85) }));
    expect(r.verdict).toBe("inconclusive");
    expect(r.reason).toMatch(/still can't rule out a 10 % regression/);
  });

  it("a gate that can't pass at any size (no allowed regression) waits for its minimum, then is inconclusive", () => {
    const g: CompareGate = { ...gate("accuracy"), passMargin: 0, minSamples: 100 };
    const champion = totals({ requests: 5_000, labelled: 5_000, correct: 4_500 });
    expect(samplesToPass(g, champion, 9)).toBe(Infinity);
    expect(verdict(g, champion, totals({ requests: 99, labelled: 99, correct: 89 })).verdict).toBe("waiting");
    expect(verdict(g, champion, totals({ requests: 100, labelled: 100, correct: 90 })).verdict).toBe("inconclusive");
  });
});

describe("samplesToPass: a good challenger passes at its planned sample with high probability", () => {
  it.each([
    ["accuracy at 89 %, 1 in 10 to the challenger", "accuracy", 0.89, 9],
    ["accuracy at 89 %, half the traffic", "accuracy", 0.89, 1],
    ["error rate at 1 %, 1 in 100 to the challenger", "error-rate", 0.01, 99],
    ["error rate at 0.2 %, half the traffic", "error-rate", 0.002, 1],
  ])("%s (simulated, same test as the gate)", (_, name, p, ratio) => {
    const g = gate(name);
    const big = 200_000;
    const field = name === "accuracy" ? "correct" : "errors";
    const champion =
      name === "accuracy"
        ? totals({ requests: big, labelled: big, correct: p * big })
        : totals({ requests: big, errors: p * big });
    const need = samplesToPass(g, champion, ratio);
    expect(passProbability(g, champion, need, ratio)).toBeGreaterThanOrEqual(PASS_POWER);
    const random = rng(42);
    const runs = 200;
    let passed = 0;
    for (let i = 0; i < runs; i++) {
      const nc = need * ratio;
      const arm = (n: number) => {
        const x = binomial(n, p, random);
        return name === "accuracy"
          ? totals({ requests: n, labelled: n, correct: x })
          : totals({ requests: n, [field]: x });
      };
      if (verdict(g, arm(nc), arm(need)).verdict === "pass") passed++;
    }
    // PASS_POWER is 90 %; the simulation's own noise at 200 runs is about ±4 points.
    expect(passed / runs).toBeGreaterThanOrEqual(0.82);
  });
});
