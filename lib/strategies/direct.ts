// Direct: 0 → 100 % at once, still audited and recorded.
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import { stepWeightsInForce, winnerWeights, type PlanContext, type PlanStep, type PlanVariant } from "./plan";
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

export const weightsForStep = stepWeightsInForce;

export const finalWeights = winnerWeights;
