// Champion/challenger: one or more challengers at fixed shares, compared continuously with the
// champion; when the analysis passes (a challenger wins, no guard regresses) the winner is promoted.
import { TOTAL_BASIS_POINTS, type Weights } from "@/lib/routers/types";
import {
  challengersOf,
  stepWeightsInForce,
  winnerWeights,
  type PlanContext,
  type PlanStep,
  type PlanVariant,
} from "./plan";
import { isBasisPoints, isPositiveInteger, sumWeights, validateSteps } from "./validate-steps";

export type ChampionChallengerConfig = {
  /** Fixed share per challenger key, in basis points; the champion keeps the rest. */
  shares?: Weights;
  gates?: string[];
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
  /** Set by the analysis when several challengers compete. */
  winner?: string;
};

export const DEFAULT_CHALLENGER_SHARE = 1_000;

export function defaultPlan(config: ChampionChallengerConfig = {}, variants: PlanVariant[] = []): PlanStep[] {
  const shares =
    config.shares ?? Object.fromEntries(challengersOf(variants).map((c) => [c.key, DEFAULT_CHALLENGER_SHARE]));
  return [
    { kind: "set_weight", weights: shares },
    {
      kind: "analysis",
      ...(config.gates ? { gates: config.gates } : {}),
      ...(config.analysisIntervalSeconds ? { intervalSeconds: config.analysisIntervalSeconds } : {}),
    },
  ];
}

export function validatePlan(steps: PlanStep[], config: ChampionChallengerConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "Champion/challenger", ["set_weight", "analysis", "pause"], "many");
  if (!steps.some((s) => s.kind === "analysis"))
    errors.push("Champion/challenger compares continuously: add an analysis step.");
  const shares = config.shares;
  if (shares !== undefined) {
    const challengers = challengersOf(ctx.variants);
    for (const c of challengers) if (!(c.key in shares)) errors.push(`config.shares has no share for "${c.key}".`);
    for (const [key, w] of Object.entries(shares)) {
      if (!challengers.some((c) => c.key === key))
        errors.push(`config.shares names "${key}", which is not a challenger.`);
      if (!isBasisPoints(w) || w === 0)
        errors.push(`config.shares gives "${key}" ${w}; each challenger needs 1–10000 bp.`);
    }
    if (sumWeights(shares) >= TOTAL_BASIS_POINTS)
      errors.push("config.shares must leave the champion some traffic (sum below 10000).");
  }
  if (config.analysisIntervalSeconds !== undefined && !isPositiveInteger(config.analysisIntervalSeconds)) {
    errors.push("config.analysisIntervalSeconds must be above 0.");
  }
  return errors;
}

export const weightsForStep = stepWeightsInForce;

export const finalWeights = winnerWeights;
