import { describe, expect, it } from "vitest";
import { defaultPlan } from "./default-plan";
import type { PlanVariant, Strategy, StrategyConfig } from "./plan";
import { strategyModule } from "./registry";

const two: PlanVariant[] = [
  { key: "champion", role: "champion" },
  { key: "challenger", role: "challenger" },
];
const configs: Record<Strategy, StrategyConfig> = {
  direct: {},
  canary: {},
  blue_green: { warmSeconds: 300 },
  shadow: { mirrorRoutes: ["/predict"] },
  ab_test: { split: { champion: 5_000, challenger: 5_000 }, stickiness: { cookie: "uid" } },
  feature_flag: { percentage: 100 },
  champion_challenger: {},
  bandit: { rewardMetric: "conversion" },
};

describe("defaultPlan", () => {
  it.each(Object.keys(configs) as Strategy[])("%s: the default plan passes its own validation", (strategy) => {
    const steps = defaultPlan(strategy, configs[strategy], two);
    expect(steps.length).toBeGreaterThan(0);
    expect(
      strategyModule(strategy).validatePlan(steps, configs[strategy], {
        variants: two,
        mirrorSafeRoutes: ["/predict"],
      }),
    ).toEqual([]);
  });

  it("rejects an unknown strategy", () => {
    expect(() => defaultPlan("yolo" as Strategy)).toThrow('Unknown strategy "yolo"');
  });
});
