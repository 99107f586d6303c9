// A system's rollout template: where its new rollouts start. Per-strategy settings override the
// product's defaults (rollout-defaults.ts, right for production traffic) and a gate template
// replaces the default gates. The demo system has one so its rollouts tell their story in minutes
// on the demo's traffic; a system without one gets the product's defaults. Pure and client-safe:
// the wizard shows exactly what creation will store.
import { z } from "zod";
import { gatesSchema, type GateInput } from "../analysis/default-gates";
import { STRATEGIES, type Strategy, type StrategyConfig } from "../strategies/plan";

export const rolloutTemplateSchema = z.object({
  /** Settings per strategy, e.g. { canary: { internalSeconds: 30, stages: [2500, 5000, 10000] } }. */
  strategies: z
    .partialRecord(z.enum(STRATEGIES as [Strategy, ...Strategy[]]), z.record(z.string(), z.unknown()))
    .default({}),
  /** The gates a new rollout starts with; absent: the product's default gates. */
  gates: gatesSchema.optional(),
});

export type RolloutTemplate = z.infer<typeof rolloutTemplateSchema>;
export type RolloutTemplateInput = { strategies?: Partial<Record<Strategy, StrategyConfig>>; gates?: GateInput[] };

const EMPTY: RolloutTemplate = { strategies: {} };

/** The stored template, or the empty one when there is none. A stored template that no longer
 * parses is ignored (the product's defaults apply) rather than blocking every new rollout. */
export function parseRolloutTemplate(stored: unknown): RolloutTemplate {
  if (stored === null || stored === undefined) return EMPTY;
  const parsed = rolloutTemplateSchema.safeParse(stored);
  return parsed.success ? parsed.data : EMPTY;
}

/** The template's settings for `strategy` (empty when it has none). */
export function templateSettings(template: RolloutTemplate, strategy: Strategy): StrategyConfig {
  return (template.strategies[strategy] ?? {}) as StrategyConfig;
}
