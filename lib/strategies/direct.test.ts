import { describe, expect, it } from "vitest";
import { defaultPlan, finalWeights, validatePlan, weightsForStep } from "./direct";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];

describe("direct", () => {
  it("default plan is one step to 100 % and valid", () => {
    expect(defaultPlan()).toEqual([{ kind: "set_weight", weight: 10_000 }]);
    expect(validatePlan(defaultPlan(), {}, { variants })).toEqual([]);
  });

  it("refuses intermediate weights and plans without a weight step", () => {
    expect(validatePlan([{ kind: "set_weight", weight: 5_000 }], {}, { variants })).toContain(
      "A direct rollout goes to 10000 bp at once; for intermediate weights use a canary.",
    );
    expect(validatePlan([{ kind: "pause", durationSeconds: 5 }], {}, { variants })).toContain(
      "A direct rollout needs a set_weight step to 10000 bp.",
    );
    expect(validatePlan([{ kind: "mirror", sampleBasisPoints: 10 }], {}, { variants })[0]).toMatch(
      /can't use mirror steps/,
    );
  });

  it("needs one champion and one challenger", () => {
    expect(validatePlan(defaultPlan(), {}, { variants: [variants[0]] })).toContain(
      "A direct rollout needs exactly one challenger (found 0).",
    );
  });

  it("weights: champion before, challenger after", () => {
    expect(weightsForStep(defaultPlan(), -1, { variants, config: {} })).toEqual({ champion: 10_000, challenger: 0 });
    expect(weightsForStep(defaultPlan(), 0, { variants, config: {} })).toEqual({ champion: 0, challenger: 10_000 });
    expect(finalWeights({ variants, config: {} })).toEqual({ champion: 0, challenger: 10_000 });
  });
});
