import { describe, expect, it } from "vitest";
import type { TargetingRule } from "@/lib/routers/types";
import {
  defaultPlan,
  finalWeights,
  rulesForStep,
  validatePlan,
  weightsForStep,
  type FeatureFlagConfig,
} from "./feature-flag";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];
const staff: TargetingRule = {
  id: "staff",
  conditions: [{ attribute: "header:x-segment", operator: "equals", values: ["staff"] }],
  variant: "challenger",
};
const eu: TargetingRule = {
  id: "eu",
  conditions: [{ attribute: "header:x-region", operator: "in", values: ["eu-west"] }],
  variant: "challenger",
};
const config: FeatureFlagConfig = {
  rules: [staff],
  percentage: 0,
  schedule: [
    { at: "2030-01-03T09:00:00Z", weight: 2_500 },
    { at: "2030-01-02T09:00:00Z", rules: [staff, eu] },
  ],
};

describe("feature flag", () => {
  it("compiles the schedule, in time order, into timed waits and changes", () => {
    expect(defaultPlan(config)).toEqual([
      { kind: "set_weight", weight: 0, rules: [staff] },
      { kind: "pause", until: "2030-01-02T09:00:00Z" },
      { kind: "set_weight", weight: 0, rules: [staff, eu] },
      { kind: "pause", until: "2030-01-03T09:00:00Z" },
      { kind: "set_weight", weight: 2_500 },
      { kind: "pause" },
    ]);
    expect(validatePlan(defaultPlan(config), config, { variants })).toEqual([]);
  });

  it("weights and rules in force per step", () => {
    const plan = defaultPlan(config);
    expect(weightsForStep(plan, 0, { variants, config })).toEqual({ champion: 10_000, challenger: 0 });
    expect(weightsForStep(plan, 4, { variants, config })).toEqual({ champion: 7_500, challenger: 2_500 });
    expect(rulesForStep(plan, 0, config)).toEqual([staff]);
    expect(rulesForStep(plan, 3, config)).toEqual([staff, eu]);
    expect(rulesForStep(plan, 5, config)).toEqual([staff, eu]);
    expect(rulesForStep([], -1, config)).toEqual([staff]);
    expect(finalWeights({ variants, config })).toEqual({ champion: 0, challenger: 10_000 });
  });

  it("weights may go down (unlike a canary)", () => {
    const steps = [
      { kind: "set_weight", weight: 5_000 },
      { kind: "set_weight", weight: 100 },
    ] as const;
    expect(validatePlan([...steps], {}, { variants })).toEqual([]);
  });

  it("reports bad rules, schedule entries and percentage", () => {
    const bad: FeatureFlagConfig = {
      rules: [{ id: "x", conditions: [], variant: "nobody" }],
      percentage: 10_001,
      schedule: [{ at: "someday" }, { at: "2030-01-01T00:00:00Z", weight: -1 }],
    };
    const errors = validatePlan([{ kind: "set_weight", weight: 0 }], bad, { variants });
    expect(errors).toEqual(
      expect.arrayContaining([
        'Rule x sends users to "nobody", which is not a variant.',
        "Rule x has no conditions; use the percentage for everyone.",
        "config.percentage must be 0–10000 bp.",
        'Scheduled change 1: "someday" is not a date and time.',
        "Scheduled change 1: give a weight or rules.",
        "Scheduled change 2: weight must be 0–10000 bp.",
      ]),
    );
    expect(validatePlan([{ kind: "pause", until: "soon" }], {}, { variants })).toContain(
      'Step 1 (pause): "soon" is not a date and time.',
    );
    expect(
      validatePlan([{ kind: "pause", until: "2030-01-01T00:00:00Z", durationSeconds: 5 }], {}, { variants }),
    ).toContain("Step 1 (pause): give a duration or an end time, not both.");
  });
});
