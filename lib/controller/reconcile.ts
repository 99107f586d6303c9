// The controller's brain: snapshot in, intents out. Pure and deterministic, so a controller that
// restarts mid-step computes the same intents from the same rows and never skips or repeats a step.
import { weightsEqual, type Weights } from "@/lib/routers/types";
import { formatPercent, PlanError, type PlanStep } from "@/lib/strategies/plan";
import { strategyModule } from "@/lib/strategies/registry";
import { isActive } from "@/lib/rollouts/state-machine";
import { addSeconds, analysisIntents, experimentIntents, failedGate, stepVerdicts } from "./reconcile-analysis";
import type { Intent, RolloutSnapshot } from "./reconcile-types";

/**
 * Intents for one rollout at `now`. Order of concerns: a confirmed rollback request, a failed gate,
 * then router sync (nothing moves until every router confirmed the config version), then the
 * current step. Only progressing and promoting rollouts move; one step changes per call.
 */
export function reconcile(snapshot: RolloutSnapshot, now: Date): Intent[] {
  const { rollout } = snapshot;
  if (snapshot.pendingRollback && isActive(rollout.status)) {
    return [{ type: "rollback", reason: "Rollback requested and confirmed" }];
  }
  if (rollout.status !== "progressing" && rollout.status !== "promoting") return [];
  try {
    if (rollout.status === "progressing") {
      const failed = failedGate(stepVerdicts(snapshot));
      if (failed) return [{ type: "rollback", reason: failed }];
    }
    const waiting = syncWait(snapshot);
    if (waiting) return [waiting];
    return rollout.status === "promoting" ? finish(snapshot, "Promoted") : progress(snapshot, now);
  } catch (error) {
    if (error instanceof PlanError) return [{ type: "pause", reason: `The plan can't run: ${error.message}` }];
    throw error;
  }
}

/** Snapshot steps (kind + params) as plan steps, in index order. */
export function toPlanSteps(steps: RolloutSnapshot["steps"]): PlanStep[] {
  const sorted = [...steps].sort((a, b) => a.index - b.index);
  sorted.forEach((s, i) => {
    if (s.index !== i) throw new PlanError(`plan steps must be numbered 0..${sorted.length - 1}`);
  });
  return sorted.map((s) => ({ ...s.params, kind: s.kind }) as PlanStep);
}

function progress(snapshot: RolloutSnapshot, now: Date): Intent[] {
  const { rollout } = snapshot;
  const config = rollout.config;
  if (snapshot.rollout.strategy === "feature_flag" && config.killSwitch === true) {
    return [{ type: "pause", reason: "Kill switch is on: everyone is served the champion" }];
  }
  const steps = toPlanSteps(snapshot.steps);
  const i = rollout.currentStepIndex;
  if (i >= steps.length) return finish(snapshot, "Plan finished");
  const step = steps[i];
  const status = snapshot.steps.find((s) => s.index === i)?.status ?? "pending";
  if (status === "completed" || status === "skipped") return [{ type: "completeStep", stepIndex: i }];
  if (status === "failed") return [{ type: "rollback", reason: `Step ${i + 1} (${step.kind}) failed` }];

  const target = weightsAt(snapshot, steps, i);
  if (status === "pending" || rollout.stepStartedAt === null) {
    // The step's effect goes first: if the controller dies between the two, the step is still
    // pending and the effect is repeated, never lost.
    return [...effects(snapshot, step, i, target), { type: "startStep", stepIndex: i }];
  }
  const started = rollout.stepStartedAt;
  switch (step.kind) {
    case "set_weight":
    case "switch":
      if (!weightsEqual(rollout.desiredWeights, target)) return [setWeights(snapshot, target, i, steps.length)];
      return [{ type: "completeStep", stepIndex: i }];
    case "set_phase":
    case "mirror":
      return [{ type: "completeStep", stepIndex: i }];
    case "pause": {
      const due = step.until
        ? new Date(step.until)
        : step.durationSeconds
          ? addSeconds(started, step.durationSeconds)
          : null;
      if (!due) return [{ type: "awaitPromotion", stepIndex: i }];
      return now >= due ? [{ type: "completeStep", stepIndex: i }] : [{ type: "waitUntil", at: due }];
    }
    case "analysis":
      return analysisIntents(snapshot, step, i, now);
    case "experiment":
      return experimentIntents(snapshot, step, i, now);
  }
}

/** Promotion (or the end of the plan): drive to the final weights, then complete. */
function finish(snapshot: RolloutSnapshot, why: string): Intent[] {
  const { rollout, variants } = snapshot;
  const final = strategyModule(rollout.strategy).finalWeights({
    variants,
    config: rollout.config,
    desiredWeights: rollout.desiredWeights,
  });
  if (!weightsEqual(rollout.desiredWeights, final)) {
    return [{ type: "setWeights", weights: final, stepIndex: null, reason: `${why}: ${describe(final, snapshot)}` }];
  }
  return [{ type: "complete", weights: final }];
}

/** Intents that apply a pending step. */
function effects(snapshot: RolloutSnapshot, step: PlanStep, i: number, target: Weights): Intent[] {
  switch (step.kind) {
    case "set_weight":
    case "switch":
    case "experiment":
      return weightsEqual(snapshot.rollout.desiredWeights, target)
        ? []
        : [setWeights(snapshot, target, i, snapshot.steps.length)];
    case "set_phase":
      return [{ type: "setPhase", phase: step.phase }];
    case "mirror":
      return [{ type: "setMirror", stepIndex: i, sampleBasisPoints: step.sampleBasisPoints }];
    default:
      return [];
  }
}

function weightsAt(snapshot: RolloutSnapshot, steps: PlanStep[], i: number): Weights {
  const { rollout, variants } = snapshot;
  return strategyModule(rollout.strategy).weightsForStep(steps, i, {
    variants,
    config: rollout.config,
    desiredWeights: rollout.desiredWeights,
  });
}

const SYNC_WAIT = "Waiting for";
/** A note syncWait wrote: it stops being true once every router confirmed (apply-intents clears it). */
export function isSyncWaitReason(reason: string | null): boolean {
  return (
    !!reason &&
    reason.startsWith(SYNC_WAIT) &&
    (reason.includes("routers to confirm config") || reason.endsWith("to be recorded as applied"))
  );
}

/** A step is applied only when the rollout is in sync and every router confirmed its version. */
function syncWait(snapshot: RolloutSnapshot): Intent | null {
  const { rollout, routers } = snapshot;
  if (routers.length === 0) {
    return { type: "waitForSync", routerIds: [], reason: "No router serves this system, so no step can be confirmed" };
  }
  const lagging = routers.filter((r) => r.appliedVersion < rollout.configVersion || r.health === "down");
  if (lagging.length === 0 && rollout.inSync) return null;
  const names = lagging.map((r) => (r.health === "down" ? `${r.name} (down)` : `${r.name} (at v${r.appliedVersion})`));
  const reason = lagging.length
    ? `${SYNC_WAIT} ${lagging.length} of ${routers.length} routers to confirm config v${rollout.configVersion}: ${names.join(", ")}`
    : `${SYNC_WAIT} config v${rollout.configVersion} to be recorded as applied`;
  return { type: "waitForSync", routerIds: lagging.map((r) => r.id), reason };
}

function setWeights(snapshot: RolloutSnapshot, weights: Weights, i: number, total: number): Intent {
  return {
    type: "setWeights",
    weights,
    stepIndex: i,
    reason: `Step ${i + 1} of ${total}: ${describe(weights, snapshot)}`,
  };
}

/** "challenger 10 %, champion 90 %", in variant order. */
function describe(weights: Weights, snapshot: RolloutSnapshot): string {
  return snapshot.variants.map((v) => `${v.key} ${formatPercent(weights[v.key] ?? 0)}`).join(", ");
}
