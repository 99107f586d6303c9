// Canary / percentage rollout: one challenger's weight only climbs, with analysis between steps
// and the exposure phases of seed 003 (internal → alpha → beta → ga).
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import {
  EXPOSURE_PHASES,
  phaseForWeight,
  stepWeightsInForce,
  winnerWeights,
  type PlanContext,
  type PlanStep,
  type PlanVariant,
} from "./plan";
import { isBasisPoints, isPositiveInteger, validateSteps } from "./validate-steps";

export type CanaryConfig = {
  /** Challenger weights in basis points, climbing to 10000; default 1 → 10 → 50 → 100 %. */
  stages?: number[];
  /** Header-override-only testing before live traffic; 0 skips it. Default one hour. */
  internalSeconds?: number;
  gates?: string[];
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
  winner?: string;
};

export const DEFAULT_CANARY_STAGES = [100, 1_000, 5_000, 10_000];
export const DEFAULT_INTERNAL_SECONDS = 3_600;

/** Internal (0 %, header only) → alpha 1 % → beta 10 %, 50 % → ga 100 %, analysis after each
 * partial weight. There is no analysis at 100 %: the champion no longer has traffic to compare. */
export function defaultPlan(config: CanaryConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  const internalSeconds = config.internalSeconds ?? DEFAULT_INTERNAL_SECONDS;
  const steps: PlanStep[] = [{ kind: "set_phase", phase: "internal" }];
  if (internalSeconds > 0) steps.push({ kind: "pause", durationSeconds: internalSeconds });
  let phase = "internal";
  for (const weight of config.stages ?? DEFAULT_CANARY_STAGES) {
    if (phaseForWeight(weight) !== phase) {
      phase = phaseForWeight(weight);
      steps.push({ kind: "set_phase", phase: phaseForWeight(weight) });
    }
    steps.push({ kind: "set_weight", weight });
    if (weight < TOTAL_BASIS_POINTS) {
      steps.push({ kind: "analysis", ...(config.gates ? { gates: config.gates } : {}) });
    }
  }
  return steps;
}

export function validatePlan(steps: PlanStep[], config: CanaryConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "A canary", ["set_weight", "pause", "analysis", "set_phase"]);
  if (config.stages !== undefined && (!Array.isArray(config.stages) || !config.stages.every(isBasisPoints))) {
    errors.push("config.stages must be weights in basis points (0–10000).");
  }
  if (
    config.internalSeconds !== undefined &&
    !(config.internalSeconds === 0 || isPositiveInteger(config.internalSeconds))
  ) {
    errors.push("config.internalSeconds must be 0 or a whole number of seconds.");
  }
  const weights = steps.flatMap((s) => (s.kind === "set_weight" && s.weight !== undefined ? [s.weight] : []));
  if (steps.some((s) => s.kind === "set_weight" && s.weights !== undefined)) {
    errors.push('A canary has one challenger: use "weight", not a "weights" map.');
  }
  if (weights.length === 0) errors.push("A canary needs at least one set_weight step.");
  for (let i = 1; i < weights.length; i++) {
    if (weights[i] < weights[i - 1]) {
      errors.push(`Canary weights must not decrease: ${weights[i - 1]} bp is followed by ${weights[i]} bp.`);
    }
  }
  if (weights.length > 0 && weights[weights.length - 1] !== TOTAL_BASIS_POINTS) {
    errors.push(`The last canary step must reach 10000 bp (100 %); it stops at ${weights[weights.length - 1]} bp.`);
  }
  const phases = steps.flatMap((s) => (s.kind === "set_phase" ? [EXPOSURE_PHASES.indexOf(s.phase)] : []));
  if (phases.some((p, i) => i > 0 && p < phases[i - 1])) errors.push("Exposure phases must not go backwards.");
  return errors;
}

export const weightsForStep = stepWeightsInForce;

export const finalWeights = winnerWeights;
