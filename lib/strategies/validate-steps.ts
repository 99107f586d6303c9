// Shape checks every strategy shares; strategy files add their own rules on top.
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import { challengersOf, EXPOSURE_PHASES, type PlanContext, type PlanStep, type StepKind } from "./plan";

/** Problems with the variants, the step shapes and kinds the strategy doesn't use. */
export function validateSteps(
  steps: PlanStep[],
  ctx: PlanContext,
  label: string,
  allowed: readonly StepKind[],
  challengers: "one" | "many" = "one",
): string[] {
  const errors: string[] = [];
  const champions = ctx.variants.filter((v) => v.role === "champion").length;
  const nChallengers = challengersOf(ctx.variants).length;
  if (champions !== 1) errors.push(`A rollout needs exactly one champion (found ${champions}).`);
  if (challengers === "one" && nChallengers !== 1)
    errors.push(`${label} needs exactly one challenger (found ${nChallengers}).`);
  if (challengers === "many" && nChallengers < 1) errors.push(`${label} needs at least one challenger.`);
  if (new Set(ctx.variants.map((v) => v.key)).size !== ctx.variants.length) errors.push("Variant keys must be unique.");
  if (steps.length === 0) errors.push("The plan has no steps.");
  const challengerKeys = new Set(challengersOf(ctx.variants).map((v) => v.key));
  steps.forEach((step, i) => {
    const at = `Step ${i + 1} (${step.kind})`;
    if (!allowed.includes(step.kind)) {
      errors.push(`${at}: ${label} plans can't use ${step.kind} steps (allowed: ${allowed.join(", ")}).`);
      return;
    }
    errors.push(...stepShapeErrors(step, challengerKeys).map((e) => `${at}: ${e}`));
  });
  return errors;
}

export function isBasisPoints(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= 0 && (n as number) <= TOTAL_BASIS_POINTS;
}

export function isPositiveInteger(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) > 0;
}

/** Sum of a weights map's values. */
export function sumWeights(weights: Record<string, number>): number {
  return Object.values(weights).reduce((a, b) => a + b, 0);
}

function stepShapeErrors(step: PlanStep, challengerKeys: Set<string>): string[] {
  switch (step.kind) {
    case "set_weight":
      return setWeightErrors(step.weight, step.weights, challengerKeys);
    case "pause":
      if (step.durationSeconds !== undefined && step.until !== undefined)
        return ["give a duration or an end time, not both."];
      if (step.durationSeconds !== undefined && !isPositiveInteger(step.durationSeconds)) {
        return ["durationSeconds must be a whole number of seconds above 0."];
      }
      if (step.until !== undefined && Number.isNaN(Date.parse(step.until)))
        return [`"${step.until}" is not a date and time.`];
      return [];
    case "analysis": {
      const errors: string[] = [];
      if (
        step.gates !== undefined &&
        (!Array.isArray(step.gates) || step.gates.some((g) => typeof g !== "string" || !g))
      ) {
        errors.push("gates must be a list of gate names.");
      }
      if (step.intervalSeconds !== undefined && !isPositiveInteger(step.intervalSeconds))
        errors.push("intervalSeconds must be above 0.");
      if (step.minSamples !== undefined && !isPositiveInteger(step.minSamples))
        errors.push("minSamples must be above 0.");
      if (step.maxWaitSeconds !== undefined && !isPositiveInteger(step.maxWaitSeconds))
        errors.push("maxWaitSeconds must be a whole number of seconds above 0.");
      return errors;
    }
    case "set_phase":
      return EXPOSURE_PHASES.includes(step.phase)
        ? []
        : [`"${step.phase}" is not a phase (internal, alpha, beta, ga).`];
    case "switch":
      return step.to === "challenger" ? [] : ['a switch goes "to": "challenger".'];
    case "mirror":
      return isBasisPoints(step.sampleBasisPoints) && step.sampleBasisPoints > 0
        ? []
        : ["sampleBasisPoints must be between 1 and 10000."];
    case "experiment": {
      const errors: string[] = [];
      if (!isPositiveInteger(step.durationSeconds)) errors.push("durationSeconds must be above 0.");
      if (!isPositiveInteger(step.sampleSizePerArm)) errors.push("sampleSizePerArm must be above 0.");
      return errors;
    }
  }
}

function setWeightErrors(
  weight: unknown,
  weights: Record<string, number> | undefined,
  challengerKeys: Set<string>,
): string[] {
  if ((weight === undefined) === (weights === undefined)) return ['give either "weight" or a "weights" map.'];
  if (weights === undefined) {
    if (!isBasisPoints(weight)) return ["weight must be whole basis points between 0 and 10000."];
    if (challengerKeys.size > 1) return ['with several challengers, use a "weights" map.'];
    return [];
  }
  const errors: string[] = [];
  for (const [key, w] of Object.entries(weights)) {
    if (!challengerKeys.has(key)) errors.push(`"${key}" is not a challenger.`);
    if (!isBasisPoints(w)) errors.push(`the weight of "${key}" must be whole basis points between 0 and 10000.`);
  }
  if (sumWeights(weights) > TOTAL_BASIS_POINTS) errors.push(`challenger weights add up to more than 10000 bp.`);
  return errors;
}
