import { describe, expect, it } from "vitest";
import { allocateWithFloor, defaultPlan, equalSplit, finalWeights, validatePlan, weightsForStep } from "./bandit";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "b", role: "challenger" },
  { key: "c", role: "challenger" },
];
const config = { rewardMetric: "click", floorBasisPoints: 500, reallocationIntervalSeconds: 600 };

describe("bandit", () => {
  it("default plan explores then decides on guardrails", () => {
    expect(defaultPlan({ durationSeconds: 3_600, minSamplesPerArm: 50, guardrails: ["errors"] })).toEqual([
      { kind: "experiment", durationSeconds: 3_600, sampleSizePerArm: 50 },
      { kind: "analysis", gates: ["errors"] },
    ]);
    expect(validatePlan(defaultPlan(), config, { variants })).toEqual([]);
  });

  it("floors × arms must fit in 10000 bp", () => {
    expect(validatePlan(defaultPlan(), { ...config, floorBasisPoints: 3_400 }, { variants })).toContain(
      "A floor of 3400 bp for 3 arms needs 10200 bp, more than 10000.",
    );
    expect(validatePlan(defaultPlan(), { ...config, floorBasisPoints: 3_333 }, { variants })).toEqual([]);
    expect(validatePlan(defaultPlan(), { floorBasisPoints: 100 }, { variants })).toContain(
      "A bandit optimises a reward: set config.rewardMetric.",
    );
  });

  it("starts at an equal split that sums to exactly 10000", () => {
    expect(equalSplit(["champion", "b", "c"])).toEqual({ champion: 3_334, b: 3_333, c: 3_333 });
    expect(weightsForStep(defaultPlan(), -1, { variants, config })).toEqual({ champion: 10_000, b: 0, c: 0 });
    expect(weightsForStep(defaultPlan(), 0, { variants, config })).toEqual({ champion: 3_334, b: 3_333, c: 3_333 });
  });

  it("allocates by probability with a floor per arm, summing to 10000", () => {
    const w = allocateWithFloor({ champion: 0.05, b: 0.9, c: 0.05 }, 500);
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.min(...Object.values(w))).toBeGreaterThanOrEqual(500);
    expect(w.b).toBe(500 + 7_650);
    expect(allocateWithFloor({ x: 0, y: 0 }, 1_000)).toEqual({ x: 5_000, y: 5_000 });
    expect(allocateWithFloor({ x: 1, y: 1, z: 1 }, 0)).toEqual({ x: 3_334, y: 3_333, z: 3_333 });
    expect(() => allocateWithFloor({ x: 1, y: 1 }, 6_000)).toThrow(/exceeds 10000/);
  });

  it("promotes the arm with the most traffic at the end", () => {
    expect(finalWeights({ variants, config, desiredWeights: { champion: 1_000, b: 2_000, c: 7_000 } })).toEqual({
      champion: 0,
      b: 0,
      c: 10_000,
    });
    expect(finalWeights({ variants, config, desiredWeights: { champion: 5_000, b: 2_500, c: 2_500 } })).toEqual({
      champion: 10_000,
      b: 0,
      c: 0,
    });
    expect(finalWeights({ variants, config: { ...config, winner: "b" } })).toEqual({ champion: 0, b: 10_000, c: 0 });
  });
});
