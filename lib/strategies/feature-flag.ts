// Feature flag / targeting: rules on request attributes send matching users to the challenger,
// plus a percentage of the rest; a kill switch sends everyone back; scheduled changes become
// timed steps of the plan.
import type { TargetingRule } from "@/lib/routers/types";
import { stepWeightsInForce, winnerWeights, type PlanContext, type PlanStep, type PlanVariant } from "./plan";
import { isBasisPoints, validateSteps } from "./validate-steps";

export type ScheduledChange = { at: string; weight?: number; rules?: TargetingRule[] };

export type FeatureFlagConfig = {
  rules?: TargetingRule[];
  /** Share of non-matching units sent to the challenger, in basis points. */
  percentage?: number;
  killSwitch?: boolean;
  schedule?: ScheduledChange[];
  winner?: string;
};

/** Initial rules and percentage, then for each scheduled change a wait until its time and the
 * change; the flag then holds until promoted (or killed). */
export function defaultPlan(config: FeatureFlagConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  let weight = config.percentage ?? 0;
  const steps: PlanStep[] = [{ kind: "set_weight", weight, rules: config.rules ?? [] }];
  const schedule = [...(config.schedule ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const change of schedule) {
    weight = change.weight ?? weight;
    steps.push({ kind: "pause", until: change.at });
    steps.push({ kind: "set_weight", weight, ...(change.rules ? { rules: change.rules } : {}) });
  }
  steps.push({ kind: "pause" });
  return steps;
}

export function validatePlan(steps: PlanStep[], config: FeatureFlagConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "A feature flag", ["set_weight", "pause", "analysis", "set_phase"]);
  const keys = new Set(ctx.variants.map((v) => v.key));
  const allRules = [
    ...(config.rules ?? []),
    ...steps.flatMap((s) => (s.kind === "set_weight" ? (s.rules ?? []) : [])),
    ...(config.schedule ?? []).flatMap((c) => c.rules ?? []),
  ];
  for (const rule of allRules) errors.push(...ruleErrors(rule, keys));
  if (config.percentage !== undefined && !isBasisPoints(config.percentage))
    errors.push("config.percentage must be 0–10000 bp.");
  (config.schedule ?? []).forEach((change, i) => {
    const at = `Scheduled change ${i + 1}`;
    if (Number.isNaN(Date.parse(change.at))) errors.push(`${at}: "${change.at}" is not a date and time.`);
    if (change.weight === undefined && change.rules === undefined) errors.push(`${at}: give a weight or rules.`);
    if (change.weight !== undefined && !isBasisPoints(change.weight)) errors.push(`${at}: weight must be 0–10000 bp.`);
  });
  return errors;
}

export const weightsForStep = stepWeightsInForce;

/** Targeting rules in force once step `index` is applied: the last set_weight that carried rules. */
export function rulesForStep(steps: PlanStep[], index: number, config: FeatureFlagConfig): TargetingRule[] {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const step = steps[i];
    if (step.kind === "set_weight" && step.rules) return step.rules;
  }
  return config.rules ?? [];
}

export const finalWeights = winnerWeights;

function ruleErrors(rule: TargetingRule, variantKeys: Set<string>): string[] {
  const name = `Rule ${rule.id ?? "(no id)"}`;
  const errors: string[] = [];
  if (!variantKeys.has(rule.variant)) errors.push(`${name} sends users to "${rule.variant}", which is not a variant.`);
  if (!Array.isArray(rule.conditions) || rule.conditions.length === 0)
    errors.push(`${name} has no conditions; use the percentage for everyone.`);
  if (rule.percentage !== undefined && !isBasisPoints(rule.percentage))
    errors.push(`${name}: percentage must be 0–10000 bp.`);
  return errors;
}
