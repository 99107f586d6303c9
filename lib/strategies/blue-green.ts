// Blue-green: the idle slot gets the challenger, is verified with no live traffic (preview by
// header only), then one atomic switch; the old slot stays warm for an instant switch-back.
import type { Weights } from "@/lib/routers/types";
import {
  promotedWeights,
  stepWeightsInForce,
  type PlanContext,
  type PlanStep,
  type PlanVariant,
  type WeightContext,
} from "./plan";
import { isPositiveInteger, validateSteps } from "./validate-steps";

export type BlueGreenConfig = {
  /** How long the old slot stays warm after the switch. */
  warmSeconds?: number;
  verifyGates?: string[];
  previewHeader?: string;
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
};

export const DEFAULT_WARM_SECONDS = 600;

export function defaultPlan(config: BlueGreenConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  return [
    { kind: "analysis", ...(config.verifyGates ? { gates: config.verifyGates } : {}) },
    { kind: "switch", to: "challenger" },
    { kind: "pause", durationSeconds: config.warmSeconds ?? DEFAULT_WARM_SECONDS },
  ];
}

export function validatePlan(steps: PlanStep[], config: BlueGreenConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "Blue-green", ["analysis", "switch", "pause", "set_phase"]);
  const switches = steps.flatMap((s, i) => (s.kind === "switch" ? [i] : []));
  if (switches.length !== 1) errors.push(`Blue-green has exactly one switch (found ${switches.length}).`);
  if (switches.length === 1 && !steps.slice(0, switches[0]).some((s) => s.kind === "analysis")) {
    errors.push("Blue-green verifies the idle slot before the switch: add an analysis step before it.");
  }
  if (config.warmSeconds !== undefined && !isPositiveInteger(config.warmSeconds)) {
    errors.push("config.warmSeconds must be a whole number of seconds above 0.");
  }
  return errors;
}

/** Before the switch the champion serves everything; after it, the challenger does. */
export const weightsForStep = stepWeightsInForce;

export function finalWeights(ctx: WeightContext<BlueGreenConfig>): Weights {
  return promotedWeights(ctx.variants);
}
