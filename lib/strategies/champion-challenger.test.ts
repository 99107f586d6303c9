import { describe, expect, it } from "vitest";
import { defaultPlan, finalWeights, validatePlan, weightsForStep } from "./champion-challenger";
import type { PlanVariant } from "./plan";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "c1", role: "challenger" },
  { key: "c2", role: "challenger" },
];

describe("champion/challenger", () => {
  it("default plan: fixed shares (10 % each) then continuous analysis", () => {
    expect(defaultPlan({ analysisIntervalSeconds: 300 }, variants)).toEqual([
      { kind: "set_weight", weights: { c1: 1_000, c2: 1_000 } },
      { kind: "analysis", intervalSeconds: 300 },
    ]);
    expect(validatePlan(defaultPlan({}, variants), {}, { variants })).toEqual([]);
  });

  it("weights: champion keeps the rest", () => {
    const config = { shares: { c1: 500, c2: 1_500 } };
    const plan = defaultPlan(config, variants);
    expect(weightsForStep(plan, 0, { variants, config })).toEqual({ champion: 8_000, c1: 500, c2: 1_500 });
    expect(weightsForStep(plan, 1, { variants, config })).toEqual({ champion: 8_000, c1: 500, c2: 1_500 });
  });

  it("validates shares and requires an analysis", () => {
    expect(validatePlan(defaultPlan({}, variants), { shares: { c1: 6_000, c2: 4_000 } }, { variants })).toContain(
      "config.shares must leave the champion some traffic (sum below 10000).",
    );
    expect(validatePlan(defaultPlan({}, variants), { shares: { c1: 1_000 } }, { variants })).toContain(
      'config.shares has no share for "c2".',
    );
    expect(validatePlan([{ kind: "set_weight", weights: { c1: 100, c2: 100 } }], {}, { variants })).toContain(
      "Champion/challenger compares continuously: add an analysis step.",
    );
    expect(validatePlan([{ kind: "set_weight", weight: 100 }, { kind: "analysis" }], {}, { variants })).toContain(
      'Step 1 (set_weight): with several challengers, use a "weights" map.',
    );
    expect(
      validatePlan([{ kind: "set_weight", weights: { c3: 100 } }, { kind: "analysis" }], {}, { variants }),
    ).toContain('Step 1 (set_weight): "c3" is not a challenger.');
  });

  it("promotes the winner; several challengers need one named", () => {
    expect(finalWeights({ variants, config: { winner: "c2" } })).toEqual({ champion: 0, c1: 0, c2: 10_000 });
    expect(() => finalWeights({ variants, config: {} })).toThrow(/say which one won/);
  });
});
