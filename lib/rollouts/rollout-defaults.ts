// Settings every rollout gets unless the release manager chose otherwise (pure): the product's
// defaults, then the system's template (rollout-template.ts), then what was chosen.
import type { Strategy, StrategyConfig } from "../strategies/plan";
import { templateSettings, type RolloutTemplate } from "./rollout-template";

export const DEFAULT_STICKINESS = { header: "x-user-id", cookie: "sy_uid" };
export const DEFAULT_OVERRIDE_HEADER = "x-switchyard-variant";
export const DEFAULT_SEGMENT_HEADER = "x-ticket-type";
export const DEFAULT_PREDICTION_FIELD = "label";

export function withRolloutDefaults(
  strategy: Strategy,
  config: StrategyConfig,
  template?: RolloutTemplate,
): StrategyConfig {
  return {
    stickiness: DEFAULT_STICKINESS,
    overrideHeader: DEFAULT_OVERRIDE_HEADER,
    segmentHeader: DEFAULT_SEGMENT_HEADER,
    predictionField: DEFAULT_PREDICTION_FIELD,
    ...(strategy === "shadow" && !config.mirrorRoutes ? { mirrorRoutes: ["/predict"] } : {}),
    ...(template ? templateSettings(template, strategy) : {}),
    ...config,
  };
}
