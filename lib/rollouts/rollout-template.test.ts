import { describe, expect, it } from "vitest";
import { DEMO_ROLLOUT_TEMPLATE } from "../demo/demo-data";
import { defaultPlan } from "../strategies/default-plan";
import { strategyModule } from "../strategies/registry";
import { STRATEGIES, type PlanVariant } from "../strategies/plan";
import { withRolloutDefaults } from "./rollout-defaults";
import { parseRolloutTemplate, rolloutTemplateSchema } from "./rollout-template";

const variants: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];

describe("a system's rollout template", () => {
  it("is empty when the system has none, or when what is stored no longer parses", () => {
    expect(parseRolloutTemplate(null)).toEqual({ strategies: {} });
    expect(parseRolloutTemplate({ gates: [{ name: "x", metric: "nope" }] })).toEqual({ strategies: {} });
  });

  it("sits between the product's defaults and what the release manager chose", () => {
    const template = parseRolloutTemplate({ strategies: { canary: { internalSeconds: 30, stages: [2_500, 10_000] } } });
    const fromTemplate = withRolloutDefaults("canary", {}, template);
    expect(fromTemplate).toMatchObject({
      internalSeconds: 30,
      stages: [2_500, 10_000],
      overrideHeader: "x-switchyard-variant",
    });
    expect(withRolloutDefaults("canary", { internalSeconds: 0 }, template)).toMatchObject({ internalSeconds: 0 });
    // Another strategy's settings don't leak.
    expect(withRolloutDefaults("blue_green", {}, template)).not.toHaveProperty("stages");
  });

  it("the demo's template parses and shapes a short canary: 30 s internal, then 25 %, 50 %, 100 % with analysis", () => {
    const template = rolloutTemplateSchema.parse(DEMO_ROLLOUT_TEMPLATE);
    const config = withRolloutDefaults("canary", {}, template);
    const steps = defaultPlan("canary", config, variants);
    expect(steps.filter((s) => s.kind === "pause").map((s) => s.durationSeconds)).toEqual([30]);
    expect(steps.filter((s) => s.kind === "set_weight").map((s) => s.weight)).toEqual([2_500, 5_000, 10_000]);
    expect(steps.filter((s) => s.kind === "analysis")).toHaveLength(2);
    expect(template.gates?.map((g) => g.name)).toEqual([
      "error-rate",
      "latency-p95",
      "accuracy",
      "critical-errors",
      "complaints",
    ]);
  });

  it("the demo's template leaves every strategy's default plan valid", () => {
    const template = rolloutTemplateSchema.parse(DEMO_ROLLOUT_TEMPLATE);
    for (const strategy of STRATEGIES) {
      const config = withRolloutDefaults(strategy, {}, template);
      const problems = strategyModule(strategy).validatePlan(defaultPlan(strategy, config, variants), config, {
        variants,
        mirrorSafeRoutes: ["/predict"],
      });
      // Strategies whose product defaults still need a choice (e.g. a bandit's reward metric) say so
      // in words; the template itself adds no problem.
      const without = strategyModule(strategy).validatePlan(
        defaultPlan(strategy, withRolloutDefaults(strategy, {}), variants),
        withRolloutDefaults(strategy, {}),
        { variants, mirrorSafeRoutes: ["/predict"] },
      );
      expect(problems, strategy).toEqual(without);
    }
  });

  it("every strategy's defaults, with nothing typed in the wizard, make a valid plan (A/B 50/50, bandit on accuracy)", () => {
    const template = rolloutTemplateSchema.parse(DEMO_ROLLOUT_TEMPLATE);
    for (const t of [undefined, template]) {
      for (const strategy of STRATEGIES) {
        const config = withRolloutDefaults(strategy, {}, t, variants);
        const problems = strategyModule(strategy).validatePlan(defaultPlan(strategy, config, variants), config, {
          variants,
          mirrorSafeRoutes: ["/predict"],
        });
        expect(problems, `${strategy}${t ? " (demo template)" : ""}`).toEqual([]);
      }
    }
    expect(withRolloutDefaults("ab_test", {}, undefined, variants).split).toEqual({
      champion: 5_000,
      challenger: 5_000,
    });
    expect(withRolloutDefaults("bandit", {}, undefined, variants).rewardMetric).toBe("accuracy");
  });
});
