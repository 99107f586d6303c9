// When an analysis step stops waiting for its gates and asks a person. One rule, read by the
// controller (reconcile pauses there) and by the rollout page (which says "until when"). Pure.
import type { AnalysisStep, StrategyConfig } from "./plan";

/** How long an analysis step waits for its gates to decide, unless its plan says otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 24 * 3_600;

/**
 * The time a person extended the step to ("keep waiting"), else its start plus maxWaitSeconds
 * (the step's, then the rollout config's, then a day). Null before the step started.
 */
export function analysisDeadline(input: {
  stepStartedAt: Date | null;
  waitUntil?: Date | null;
  step: Pick<AnalysisStep, "maxWaitSeconds">;
  config: StrategyConfig;
}): Date | null {
  if (!input.stepStartedAt) return null;
  if (input.waitUntil) return input.waitUntil;
  const seconds =
    positive(input.step.maxWaitSeconds) ?? positive(input.config.maxWaitSeconds) ?? DEFAULT_MAX_WAIT_SECONDS;
  return new Date(input.stepStartedAt.getTime() + seconds * 1000);
}

function positive(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
}
