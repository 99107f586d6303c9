import { describe, expect, it } from "vitest";
import { defaultPlan, finalWeights, validatePlan, weightsForStep } from "./blue-green";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "blue", role: "champion" },
  { key: "green", role: "challenger" },
];

describe("blue-green", () => {
  it("default plan: verify → switch → keep warm", () => {
    expect(defaultPlan({ warmSeconds: 900, verifyGates: ["smoke"] })).toEqual([
      { kind: "analysis", gates: ["smoke"] },
      { kind: "switch", to: "challenger" },
      { kind: "pause", durationSeconds: 900 },
    ]);
    expect(defaultPlan()[2]).toEqual({ kind: "pause", durationSeconds: 600 });
    expect(validatePlan(defaultPlan(), {}, { variants })).toEqual([]);
  });

  it("needs exactly one switch, after a verification", () => {
    expect(validatePlan([{ kind: "analysis" }], {}, { variants })).toContain(
      "Blue-green has exactly one switch (found 0).",
    );
    expect(
      validatePlan(
        [{ kind: "analysis" }, { kind: "switch", to: "challenger" }, { kind: "switch", to: "challenger" }],
        {},
        { variants },
      ),
    ).toContain("Blue-green has exactly one switch (found 2).");
    expect(validatePlan([{ kind: "switch", to: "challenger" }], {}, { variants })).toContain(
      "Blue-green verifies the idle slot before the switch: add an analysis step before it.",
    );
  });

  it("refuses weights steps and bad warm time", () => {
    expect(validatePlan([{ kind: "set_weight", weight: 5_000 }, ...defaultPlan()], {}, { variants })[0]).toMatch(
      /can't use set_weight steps/,
    );
    expect(validatePlan(defaultPlan(), { warmSeconds: 0 }, { variants })).toContain(
      "config.warmSeconds must be a whole number of seconds above 0.",
    );
  });

  it("serves blue until the switch, then green; the switch is atomic", () => {
    const plan = defaultPlan();
    expect(weightsForStep(plan, 0, { variants, config: {} })).toEqual({ blue: 10_000, green: 0 });
    expect(weightsForStep(plan, 1, { variants, config: {} })).toEqual({ blue: 0, green: 10_000 });
    expect(weightsForStep(plan, 2, { variants, config: {} })).toEqual({ blue: 0, green: 10_000 });
    expect(finalWeights({ variants, config: {} })).toEqual({ blue: 0, green: 10_000 });
  });
});
