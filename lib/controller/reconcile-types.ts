// What the controller reads about one rollout, and what reconcile asks it to do.
import type { Weights } from "@/lib/routers/types";
import type {
  ExposurePhase,
  PlanVariant,
  RolloutStatus,
  StepKind,
  StepStatus,
  Strategy,
  StrategyConfig,
  Verdict,
} from "@/lib/strategies/plan";

export interface SnapshotStep {
  index: number;
  kind: StepKind;
  /** The step's fields other than kind, as stored in plan_steps.params. */
  params: Record<string, unknown>;
  status: StepStatus;
  /** Analysis steps: the maximum wait as a person extended it ("keep waiting"). */
  waitUntil?: Date | null;
  /** Inconclusive runs before this don't count towards a pause (a person resumed or kept waiting). */
  verdictsSince?: Date | null;
}

export interface SnapshotRouter {
  id: string;
  /** What people call it (reasons on the page name routers, never their ids). */
  name: string;
  /** Config version the router last confirmed serving. */
  appliedVersion: number;
  health: "unknown" | "healthy" | "degraded" | "down";
}

export interface SnapshotVerdict {
  /** null for runs not tied to a step; reconcile ignores those. */
  stepIndex: number | null;
  verdict: Verdict;
  createdAt: Date;
  gate: string;
  /** The gate's own words, e.g. "error rate 4.6 % vs 1.8 % (limit +5 %)". */
  reason?: string;
}

export interface RolloutSnapshot {
  rollout: {
    id: string;
    strategy: Strategy;
    status: RolloutStatus;
    currentStepIndex: number;
    stepStartedAt: Date | null;
    desiredWeights: Weights;
    configVersion: number;
    inSync: boolean;
    config: StrategyConfig;
  };
  steps: SnapshotStep[];
  variants: PlanVariant[];
  routers: SnapshotRouter[];
  analysis: SnapshotVerdict[];
  /** A rollback request was confirmed (or a break-glass rollback made); execute it now. */
  pendingRollback: boolean;
  /** Analysis steps whose undecided gates a person accepted, confirmed by a second person. */
  acceptedSteps?: number[];
}

/**
 * What the controller should do, in order. Every intent is safe to repeat: executors make it
 * conditional on the state it was computed from (e.g. startStep only moves a pending step,
 * completeStep only when currentStepIndex is still that step, reallocate once per round).
 */
export type Intent =
  /** Push new desired weights (new config version); stepIndex null when promoting. */
  | { type: "setWeights"; weights: Weights; stepIndex: number | null; reason: string }
  /** Shadow: mirror this share of requests on the mirror routes to the challenger. */
  | { type: "setMirror"; stepIndex: number; sampleBasisPoints: number }
  /** Mark the step running and stamp stepStartedAt = now, only if it is still pending. */
  | { type: "startStep"; stepIndex: number }
  /** Mark the step completed and move currentStepIndex to stepIndex + 1, only if it is still current. */
  | { type: "completeStep"; stepIndex: number }
  | { type: "runAnalysis"; stepIndex: number }
  /** Bandit: recompute weights from rewards (floor per arm) for this round of the step. */
  | { type: "reallocate"; stepIndex: number; round: number }
  | { type: "setPhase"; phase: ExposurePhase }
  /** Routers have not all confirmed configVersion: push again / wait; nothing else happens. */
  | { type: "waitForSync"; routerIds: string[]; reason: string }
  | { type: "waitUntil"; at: Date }
  /** An open-ended pause: a person advances the step or promotes the rollout. */
  | { type: "awaitPromotion"; stepIndex: number }
  /** Serve `weights` (the promoted variant, or the champion when a shadow ends) and complete. */
  | { type: "complete"; weights: Weights }
  | { type: "rollback"; reason: string }
  | { type: "holdInconclusive"; reason: string }
  /** Gates lack their sample: hold the step (no strike towards a pause) and say what it waits for. */
  | { type: "holdForData"; reason: string }
  /** Stop moving and pause the rollout (status paused) for a person to look. */
  | { type: "pause"; reason: string };
