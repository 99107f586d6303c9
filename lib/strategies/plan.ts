// Plan types shared by every strategy. Pure. The enums come from the database schema (the
// generated Prisma enums, plain constants with no client behind them), so a status or strategy
// added to prisma/schema reaches every exhaustive table here as a type error.
import {
  ExposurePhase,
  Strategy,
  type RolloutStatus,
  type StepStatus,
  type Verdict,
  type VariantRole,
} from "@/lib/generated/prisma/enums";
import { TOTAL_BASIS_POINTS, type TargetingRule, type Weights } from "@/lib/routers/types";

export type { ExposurePhase, RolloutStatus, StepStatus, Strategy, Verdict, VariantRole };

/** Every strategy, in the schema's order (wizard, filters, validation). */
export const STRATEGIES: readonly Strategy[] = Object.values(Strategy);
export const EXPOSURE_PHASES: readonly ExposurePhase[] = Object.values(ExposurePhase);
/** Strategies run as an experiment: arms compared on a primary metric in the A/B report. */
export const EXPERIMENT_STRATEGIES = [
  "ab_test",
  "champion_challenger",
  "bandit",
] as const satisfies readonly Strategy[];

export function isExperiment(strategy: Strategy): boolean {
  return (EXPERIMENT_STRATEGIES as readonly Strategy[]).includes(strategy);
}

/** Challenger weight in basis points (`weight`, one challenger) or by challenger key (`weights`).
 * The champion always gets the rest. `rules` (feature flags) replace the targeting rules. */
export type SetWeightStep = { kind: "set_weight"; rules?: TargetingRule[] } & (
  { weight: number; weights?: undefined } | { weights: Weights; weight?: undefined }
);
/** No duration and no `until` = hold until a person advances or promotes. `until` (ISO instant)
 * is how feature-flag schedules wait for a wall-clock time. */
export type PauseStep = { kind: "pause"; durationSeconds?: number; until?: string };
/** Gates decide; `maxWaitSeconds` (default 24 h) is how long the step waits for them before asking a person. */
export type AnalysisStep = {
  kind: "analysis";
  gates?: string[];
  intervalSeconds?: number;
  minSamples?: number;
  maxWaitSeconds?: number;
};
export type SetPhaseStep = { kind: "set_phase"; phase: ExposurePhase };
export type SwitchStep = { kind: "switch"; to: "challenger" };
export type MirrorStep = { kind: "mirror"; sampleBasisPoints: number };
export type ExperimentStep = { kind: "experiment"; durationSeconds: number; sampleSizePerArm: number };

export type PlanStep =
  SetWeightStep | PauseStep | AnalysisStep | SetPhaseStep | SwitchStep | MirrorStep | ExperimentStep;
export type StepKind = PlanStep["kind"];

export interface PlanVariant {
  key: string;
  role: VariantRole;
}

/** What a strategy needs besides steps and config. mirrorSafeRoutes come from the system. */
export interface PlanContext {
  variants: PlanVariant[];
  mirrorSafeRoutes?: string[];
}

/** Context for weight calculations; desiredWeights are what the rollout wants now. */
export interface WeightContext<C = StrategyConfig> {
  variants: PlanVariant[];
  config: C;
  desiredWeights?: Weights;
}

export type StrategyConfig = Record<string, unknown>;

/** One strategy: its default plan, its rules and its weights. Methods, so configs narrow. */
export interface StrategyModule<C = StrategyConfig> {
  defaultPlan(config: C, variants: PlanVariant[]): PlanStep[];
  /** Every problem with the plan, as sentences for the release manager; empty = valid. */
  validatePlan(steps: PlanStep[], config: C, ctx: PlanContext): string[];
  /** Weights served once step `index` is applied (index -1 = before the first step). */
  weightsForStep(steps: PlanStep[], index: number, ctx: WeightContext<C>): Weights;
  /** Weights served once the rollout completes (promotion). */
  finalWeights(ctx: WeightContext<C>): Weights;
}

/** A plan that can't be turned into weights; validatePlan reports these before approval. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

export function championOf(variants: PlanVariant[]): PlanVariant {
  const champions = variants.filter((v) => v.role === "champion");
  if (champions.length !== 1) throw new PlanError(`A rollout needs exactly one champion, found ${champions.length}`);
  return champions[0];
}

export function challengersOf(variants: PlanVariant[]): PlanVariant[] {
  return variants.filter((v) => v.role === "challenger");
}

/** Everything to the champion: the state before a rollout and after a rollback. */
export function allToChampion(variants: PlanVariant[]): Weights {
  return withChallengerWeights(variants, {});
}

/** Full weights map over every variant: challengers as given, the champion gets the rest. */
export function withChallengerWeights(variants: PlanVariant[], challengerWeights: Weights): Weights {
  const champion = championOf(variants);
  const weights: Weights = {};
  let used = 0;
  for (const c of challengersOf(variants)) {
    const w = challengerWeights[c.key] ?? 0;
    weights[c.key] = w;
    used += w;
  }
  for (const key of Object.keys(challengerWeights)) {
    if (!(key in weights)) throw new PlanError(`"${key}" is not a challenger of this rollout`);
  }
  if (used > TOTAL_BASIS_POINTS) throw new PlanError(`Challenger weights add up to ${used} bp, more than 10000`);
  weights[champion.key] = TOTAL_BASIS_POINTS - used;
  return weights;
}

/** Weights of a set_weight step. */
export function setWeightTarget(step: SetWeightStep, variants: PlanVariant[]): Weights {
  if (step.weights !== undefined) return withChallengerWeights(variants, step.weights);
  const challengers = challengersOf(variants);
  if (challengers.length !== 1) {
    throw new PlanError(`"weight" needs exactly one challenger; with ${challengers.length} use a "weights" map`);
  }
  return withChallengerWeights(variants, { [challengers[0].key]: step.weight });
}

/** Walks back from `index` to the last step that sets weights; before any, all to the champion. */
export function weightsInForce(
  steps: PlanStep[],
  index: number,
  variants: PlanVariant[],
  weightsOf: (step: PlanStep) => Weights | null,
): Weights {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const w = weightsOf(steps[i]);
    if (w) return w;
  }
  return allToChampion(variants);
}

/** Weights for the plain step kinds (set_weight, switch); other kinds keep what is served. */
export function basicStepWeights(step: PlanStep, variants: PlanVariant[]): Weights | null {
  if (step.kind === "set_weight") return setWeightTarget(step, variants);
  if (step.kind === "switch") return onlyTo(variants, soleChallenger(variants).key);
  return null;
}

/** weightsForStep of every strategy whose weights come only from set_weight and switch steps. */
export function stepWeightsInForce<C>(steps: PlanStep[], index: number, ctx: WeightContext<C>): Weights {
  return weightsInForce(steps, index, ctx.variants, (s) => basicStepWeights(s, ctx.variants));
}

/** finalWeights of every strategy that promotes config.winner, or else its only challenger. */
export function winnerWeights<C extends { winner?: unknown }>(ctx: WeightContext<C>): Weights {
  return promotedWeights(ctx.variants, ctx.config.winner);
}

/** Promotion target: config.winner, or the only challenger. */
export function promotedWeights(variants: PlanVariant[], winner?: unknown): Weights {
  if (typeof winner === "string") {
    if (!variants.some((v) => v.key === winner)) throw new PlanError(`Winner "${winner}" is not a variant`);
    return onlyTo(variants, winner);
  }
  const challengers = challengersOf(variants);
  if (challengers.length !== 1) {
    throw new PlanError(`${challengers.length} challengers: say which one won (config.winner) before promoting`);
  }
  return onlyTo(variants, challengers[0].key);
}

export function onlyTo(variants: PlanVariant[], key: string): Weights {
  const weights: Weights = {};
  for (const v of variants) weights[v.key] = v.key === key ? TOTAL_BASIS_POINTS : 0;
  return weights;
}

export function soleChallenger(variants: PlanVariant[]): PlanVariant {
  const challengers = challengersOf(variants);
  if (challengers.length !== 1)
    throw new PlanError(`This strategy needs exactly one challenger, found ${challengers.length}`);
  return challengers[0];
}

/** Exposure phase implied by a challenger weight (seed 003's progressive rollout phases). */
export function phaseForWeight(weight: number): ExposurePhase {
  if (weight <= 0) return "internal";
  if (weight <= 500) return "alpha";
  if (weight < TOTAL_BASIS_POINTS) return "beta";
  return "ga";
}

/** "12.5 %" from 1250 basis points. */
export function formatPercent(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))} %`;
}
