import { describe, expect, it } from "vitest";
import { defaultPlan, finalWeights, validatePlan, weightsForStep, type AbTestConfig } from "./ab-test";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "a", role: "champion" },
  { key: "b", role: "challenger" },
];
const config: AbTestConfig = {
  split: { a: 5_000, b: 5_000 },
  stickiness: { header: "x-user-id" },
  durationSeconds: 86_400,
  sampleSizePerArm: 2_000,
};

describe("A/B test", () => {
  it("default plan: experiment → decision → held for a person", () => {
    expect(defaultPlan(config)).toEqual([
      { kind: "experiment", durationSeconds: 86_400, sampleSizePerArm: 2_000 },
      { kind: "analysis", gates: ["primary"], minSamples: 2_000 },
      { kind: "pause" },
    ]);
    expect(validatePlan(defaultPlan(config), config, { variants })).toEqual([]);
  });

  it("split must cover every variant and sum to 10000", () => {
    expect(validatePlan(defaultPlan(), { ...config, split: { a: 6_000, b: 5_000 } }, { variants })).toContain(
      "config.split must sum to 10000 bp (it sums to 11000).",
    );
    expect(validatePlan(defaultPlan(), { ...config, split: { a: 10_000 } }, { variants })).toContain(
      'config.split has no share for "b".',
    );
    expect(validatePlan(defaultPlan(), { ...config, split: { a: 5_000, c: 5_000 } }, { variants })).toContain(
      'config.split names "c", which is not a variant.',
    );
    expect(validatePlan(defaultPlan(), { ...config, split: undefined }, { variants })[0]).toMatch(/needs config.split/);
  });

  it("needs a sticky key, one experiment and a decision", () => {
    expect(validatePlan(defaultPlan(), { ...config, stickiness: {} }, { variants })).toContain(
      "An A/B test assigns users stickily: set config.stickiness.header or .cookie (e.g. x-user-id).",
    );
    expect(validatePlan([{ kind: "analysis" }], config, { variants })).toContain(
      "An A/B test runs one experiment (found 0).",
    );
    expect(
      validatePlan([{ kind: "experiment", durationSeconds: 10, sampleSizePerArm: 10 }], config, { variants }),
    ).toContain("An A/B test ends with a decision: add an analysis step after the experiment.");
    expect(
      validatePlan([{ kind: "experiment", durationSeconds: 0, sampleSizePerArm: 10 }, { kind: "analysis" }], config, {
        variants,
      }),
    ).toContain("Step 1 (experiment): durationSeconds must be above 0.");
  });

  it("supports A/B/C", () => {
    const abc = [...variants, { key: "c", role: "challenger" as const }];
    const cfg = { ...config, split: { a: 3_334, b: 3_333, c: 3_333 } };
    expect(validatePlan(defaultPlan(cfg), cfg, { variants: abc })).toEqual([]);
    expect(weightsForStep(defaultPlan(cfg), 0, { variants: abc, config: cfg })).toEqual({
      a: 3_334,
      b: 3_333,
      c: 3_333,
    });
  });

  it("split holds from the experiment to the decision; promotion serves the winner", () => {
    const plan = defaultPlan(config);
    expect(weightsForStep(plan, -1, { variants, config })).toEqual({ a: 10_000, b: 0 });
    expect(weightsForStep(plan, 0, { variants, config })).toEqual({ a: 5_000, b: 5_000 });
    expect(weightsForStep(plan, 2, { variants, config })).toEqual({ a: 5_000, b: 5_000 });
    expect(finalWeights({ variants, config })).toEqual({ a: 0, b: 10_000 });
  });
});
