// Multi-armed bandit: arms start at an equal split; every interval Thompson sampling on the
// reward metric reallocates weights, never below a floor per arm; guardrail gates roll back.
import { TOTAL_BASIS_POINTS, type Weights } from "@/lib/routers/types";
import { onlyTo, PlanError, type PlanContext, type PlanStep, type PlanVariant, type WeightContext } from "./plan";
import { isBasisPoints, isPositiveInteger, validateSteps } from "./validate-steps";

export type BanditConfig = {
  rewardMetric?: string;
  /** Minimum share of every arm, in basis points. */
  floorBasisPoints?: number;
  reallocationIntervalSeconds?: number;
  durationSeconds?: number;
  minSamplesPerArm?: number;
  guardrails?: string[];
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
  winner?: string;
};

export const DEFAULT_BANDIT_FLOOR = 500;
export const DEFAULT_REALLOCATION_SECONDS = 3_600;
export const DEFAULT_BANDIT_DURATION_SECONDS = 14 * 24 * 3_600;

/** Explore with reallocation for the duration, then decide on the guardrails and promote the best arm. */
export function defaultPlan(config: BanditConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  return [
    {
      kind: "experiment",
      durationSeconds: config.durationSeconds ?? DEFAULT_BANDIT_DURATION_SECONDS,
      sampleSizePerArm: config.minSamplesPerArm ?? 1_000,
    },
    { kind: "analysis", ...(config.guardrails ? { gates: config.guardrails } : {}) },
  ];
}

export function validatePlan(steps: PlanStep[], config: BanditConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "A bandit", ["experiment", "analysis", "pause"], "many");
  if (steps.filter((s) => s.kind === "experiment").length !== 1)
    errors.push("A bandit explores in exactly one experiment step.");
  if (!config.rewardMetric) errors.push("A bandit optimises a reward: set config.rewardMetric.");
  const floor = config.floorBasisPoints ?? DEFAULT_BANDIT_FLOOR;
  const arms = ctx.variants.length;
  if (!isBasisPoints(floor)) errors.push("config.floorBasisPoints must be 0–10000 bp.");
  else if (floor * arms > TOTAL_BASIS_POINTS) {
    errors.push(`A floor of ${floor} bp for ${arms} arms needs ${floor * arms} bp, more than 10000.`);
  }
  if (config.reallocationIntervalSeconds !== undefined && !isPositiveInteger(config.reallocationIntervalSeconds)) {
    errors.push("config.reallocationIntervalSeconds must be above 0.");
  }
  return errors;
}

/** The experiment starts at an equal split; later weights come from reallocation, not the plan. */
export function weightsForStep(steps: PlanStep[], index: number, ctx: WeightContext<BanditConfig>): Weights {
  const started = steps.slice(0, Math.min(index, steps.length - 1) + 1).some((s) => s.kind === "experiment");
  return started ? equalSplit(ctx.variants.map((v) => v.key)) : onlyTo(ctx.variants, champion(ctx.variants));
}

/** The arm with the largest weight at the end wins (config.winner overrides); ties go to the champion. */
export function finalWeights(ctx: WeightContext<BanditConfig>): Weights {
  if (ctx.config.winner) return onlyTo(ctx.variants, ctx.config.winner);
  const desired = ctx.desiredWeights ?? {};
  let best = champion(ctx.variants);
  for (const v of ctx.variants) if ((desired[v.key] ?? 0) > (desired[best] ?? 0)) best = v.key;
  return onlyTo(ctx.variants, best);
}

/** 10000 bp split evenly; the remainder goes to the first arms so the sum is exact. */
export function equalSplit(keys: string[]): Weights {
  const base = Math.floor(TOTAL_BASIS_POINTS / keys.length);
  const extra = TOTAL_BASIS_POINTS - base * keys.length;
  return Object.fromEntries(keys.map((k, i) => [k, base + (i < extra ? 1 : 0)]));
}

/**
 * Turns raw allocation probabilities (e.g. Thompson sampling win rates) into weights summing to
 * exactly 10000 with every arm at or above `floor`. The mass above the floors is shared in
 * proportion to the probabilities (largest remainder).
 */
export function allocateWithFloor(probabilities: Record<string, number>, floor: number): Weights {
  const keys = Object.keys(probabilities);
  if (keys.length === 0) throw new PlanError("No arms to allocate");
  if (floor * keys.length > TOTAL_BASIS_POINTS)
    throw new PlanError(`Floor ${floor} bp × ${keys.length} arms exceeds 10000`);
  const spare = TOTAL_BASIS_POINTS - floor * keys.length;
  const total = keys.reduce((a, k) => a + Math.max(0, probabilities[k]), 0);
  const exact = keys.map((k) => (total > 0 ? (Math.max(0, probabilities[k]) / total) * spare : spare / keys.length));
  const weights = exact.map(Math.floor);
  let left = spare - weights.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    weights[i] += 1;
  }
  return Object.fromEntries(keys.map((k, i) => [k, weights[i] + floor]));
}

function champion(variants: PlanVariant[]): string {
  const c = variants.find((v) => v.role === "champion");
  if (!c) throw new PlanError("A rollout needs a champion");
  return c.key;
}
