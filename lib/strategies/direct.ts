// Direct: 0 → 100 % at once, still audited and recorded.
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import type { Weights } from "@/lib/routers/types";
import {
  basicStepWeights,
  promotedWeights,
  weightsInForce,
  type PlanContext,
  type PlanStep,
  type PlanVariant,
  type WeightContext,
} from "./plan";
import { validateSteps } from "./validate-steps";

export type DirectConfig = { winner?: string };

export function defaultPlan(_config: DirectConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  return [{ kind: "set_weight", weight: TOTAL_BASIS_POINTS }];
}

export function validatePlan(steps: PlanStep[], _config: DirectConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "A direct rollout", ["set_weight", "set_phase", "pause", "analysis"]);
  const weights = steps.filter((s) => s.kind === "set_weight");
  if (steps.length > 0 && weights.length === 0) errors.push("A direct rollout needs a set_weight step to 10000 bp.");
  if (weights.some((s) => s.weight !== TOTAL_BASIS_POINTS)) {
    errors.push("A direct rollout goes to 10000 bp at once; for intermediate weights use a canary.");
  }
  return errors;
}

export function weightsForStep(steps: PlanStep[], index: number, ctx: WeightContext<DirectConfig>): Weights {
  return weightsInForce(steps, index, ctx.variants, (s) => basicStepWeights(s, ctx.variants));
}

export function finalWeights(ctx: WeightContext<DirectConfig>): Weights {
  return promotedWeights(ctx.variants, ctx.config.winner);
}
