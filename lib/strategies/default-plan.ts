// The plan a new rollout starts from, per strategy; the release manager edits it before approval.
import type { PlanStep, PlanVariant, Strategy, StrategyConfig } from "./plan";
import { strategyModule } from "./registry";

/** Default steps for `strategy`, shaped by its config (stages, warm time, split, schedule...). */
export function defaultPlan(strategy: Strategy, config: StrategyConfig = {}, variants: PlanVariant[] = []): PlanStep[] {
  return strategyModule(strategy).defaultPlan(config, variants);
}
