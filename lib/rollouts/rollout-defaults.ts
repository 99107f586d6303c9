// Settings every rollout gets unless the release manager chose otherwise (pure): the product's
// defaults, then the system's template (rollout-template.ts), then what was chosen.
import type { PlanVariant, Strategy, StrategyConfig } from "../strategies/plan";
import { equalSplit } from "../strategies/bandit";
import { templateSettings, type RolloutTemplate } from "./rollout-template";

export const DEFAULT_STICKINESS = { header: "x-user-id", cookie: "sy_uid" };
export const DEFAULT_OVERRIDE_HEADER = "x-switchyard-variant";
export const DEFAULT_SEGMENT_HEADER = "x-ticket-type";
export const DEFAULT_PREDICTION_FIELD = "label";
/** What an A/B test decides on unless told otherwise: the share of correct answers (labels). */
export const DEFAULT_AB_PRIMARY_METRIC = "accuracy";
/** What a bandit maximises unless told otherwise: the share of correct answers (labels). */
export const DEFAULT_BANDIT_REWARD = "accuracy";

export function withRolloutDefaults(
  strategy: Strategy,
  config: StrategyConfig,
  template?: RolloutTemplate,
  /** The rollout's arms: an A/B test splits evenly among them unless told otherwise. */
  variants?: PlanVariant[],
): StrategyConfig {
  return {
    ...(strategy === "ab_test" && variants?.length ? { split: equalSplit(variants.map((v) => v.key)) } : {}),
    // The A/B report's primary metric unless chosen: what the wizard shows first.
    ...(strategy === "ab_test" ? { primaryMetric: DEFAULT_AB_PRIMARY_METRIC } : {}),
    ...(strategy === "bandit" ? { rewardMetric: DEFAULT_BANDIT_REWARD } : {}),
    stickiness: DEFAULT_STICKINESS,
    overrideHeader: DEFAULT_OVERRIDE_HEADER,
    segmentHeader: DEFAULT_SEGMENT_HEADER,
    predictionField: DEFAULT_PREDICTION_FIELD,
    ...(strategy === "shadow" && !config.mirrorRoutes ? { mirrorRoutes: ["/predict"] } : {}),
    ...(template ? templateSettings(template, strategy) : {}),
    ...config,
  };
}
