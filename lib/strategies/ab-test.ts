// A/B test: a fixed split with sticky assignment by a unit key, run for a planned duration and
// sample size, then a decision. Pass = the challenger wins; a person promotes.
import { TOTAL_BASIS_POINTS, type Weights } from "@/lib/routers/types";
import {
  basicStepWeights,
  weightsInForce,
  winnerWeights,
  type PlanContext,
  type PlanStep,
  type PlanVariant,
  type WeightContext,
} from "./plan";
import { isBasisPoints, isPositiveInteger, sumWeights, validateSteps } from "./validate-steps";

export type AbTestConfig = {
  /** Basis points by variant key (champion included), summing to 10000. */
  split?: Weights;
  stickiness?: { header?: string; cookie?: string };
  durationSeconds?: number;
  sampleSizePerArm?: number;
  primaryMetric?: string;
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
  winner?: string;
};

export const DEFAULT_AB_DURATION_SECONDS = 7 * 24 * 3_600;
export const DEFAULT_AB_SAMPLE_SIZE = 1_000;

export function defaultPlan(config: AbTestConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  const sampleSizePerArm = config.sampleSizePerArm ?? DEFAULT_AB_SAMPLE_SIZE;
  return [
    { kind: "experiment", durationSeconds: config.durationSeconds ?? DEFAULT_AB_DURATION_SECONDS, sampleSizePerArm },
    { kind: "analysis", gates: [config.primaryMetric ?? "primary"], minSamples: sampleSizePerArm },
    { kind: "pause" },
  ];
}

export function validatePlan(steps: PlanStep[], config: AbTestConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "An A/B test", ["experiment", "analysis", "pause", "set_phase"], "many");
  const experiments = steps.flatMap((s, i) => (s.kind === "experiment" ? [i] : []));
  if (experiments.length !== 1) errors.push(`An A/B test runs one experiment (found ${experiments.length}).`);
  if (experiments.length === 1 && !steps.slice(experiments[0] + 1).some((s) => s.kind === "analysis")) {
    errors.push("An A/B test ends with a decision: add an analysis step after the experiment.");
  }
  errors.push(...splitErrors(config.split, ctx));
  if (!config.stickiness?.header && !config.stickiness?.cookie) {
    errors.push("An A/B test assigns users stickily: set config.stickiness.header or .cookie (e.g. x-user-id).");
  }
  if (config.durationSeconds !== undefined && !isPositiveInteger(config.durationSeconds))
    errors.push("config.durationSeconds must be above 0.");
  if (config.sampleSizePerArm !== undefined && !isPositiveInteger(config.sampleSizePerArm))
    errors.push("config.sampleSizePerArm must be above 0.");
  return errors;
}

/** The experiment step turns on config.split; it stays until the decision. */
export function weightsForStep(steps: PlanStep[], index: number, ctx: WeightContext<AbTestConfig>): Weights {
  return weightsInForce(steps, index, ctx.variants, (s) =>
    s.kind === "experiment" ? { ...(ctx.config.split ?? {}) } : basicStepWeights(s, ctx.variants),
  );
}

export const finalWeights = winnerWeights;

function splitErrors(split: Weights | undefined, ctx: PlanContext): string[] {
  if (!split || typeof split !== "object")
    return ["An A/B test needs config.split: basis points per variant, summing to 10000."];
  const errors: string[] = [];
  for (const v of ctx.variants) {
    if (!(v.key in split)) errors.push(`config.split has no share for "${v.key}".`);
  }
  for (const [key, w] of Object.entries(split)) {
    if (!ctx.variants.some((v) => v.key === key)) errors.push(`config.split names "${key}", which is not a variant.`);
    if (!isBasisPoints(w) || w === 0) errors.push(`config.split gives "${key}" ${w}; each arm needs 1–10000 bp.`);
  }
  const total = sumWeights(split);
  if (total !== TOTAL_BASIS_POINTS) errors.push(`config.split must sum to 10000 bp (it sums to ${total}).`);
  return errors;
}
