// Applies the database side of reconcile's intents inside one transaction (under the rollout's
// lock). Router pushes, analysis and bandit reallocation happen afterwards, outside it; this
// returns what they need. Every effect is conditional on the state it was computed from, so
// repeating it is harmless.
import { isSyncWaitReason } from "./reconcile";
import type { Tx } from "../db/create-client";
import { weightsEqual, type Weights } from "../routers/types";
import type { ServiceContext } from "../permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { recordWeightChange } from "../rollouts/record-weight-change";
import { transitionRollout } from "../rollouts/transition-rollout";
import { completeRolloutInTx } from "../rollouts/complete-rollout";
import { rollbackRolloutInTx } from "../rollouts/execute-rollback";
import type { Intent } from "./reconcile-types";

export interface AfterCommit {
  push: boolean;
  /** The rollout ended: push with these settle details so its last change is recorded as applied. */
  settle?: { rolloutId: string; configVersion: number };
  analysis: number[];
  reallocate: { stepIndex: number; round: number }[];
  waitingForSync: boolean;
  wakeAt: Date | null;
  progressed: boolean;
  notes: string[];
}

export async function applyIntents(
  tx: Tx,
  ctx: ServiceContext,
  rolloutId: string,
  intents: Intent[],
  now: Date,
  epoch: number,
): Promise<AfterCommit> {
  const out: AfterCommit = {
    push: false,
    analysis: [],
    reallocate: [],
    waitingForSync: false,
    wakeAt: null,
    progressed: false,
    notes: [],
  };
  for (const intent of intents) {
    const rollout = await tx.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
    switch (intent.type) {
      case "setWeights":
        if (!weightsEqual(rollout.desiredWeights as Weights, intent.weights)) {
          const change = await recordWeightChange(tx, {
            rolloutId,
            weights: intent.weights,
            stepIndex: intent.stepIndex,
            reason: intent.reason,
            actor: ctx.actor.label,
            epoch,
          });
          await writeAuditEvent(tx, ctx, {
            action: "rollout.set_weights",
            entityType: "rollout",
            entityId: rolloutId,
            before: { weights: rollout.desiredWeights },
            after: { weights: intent.weights, configVersion: change.configVersion },
            meta: { reason: intent.reason },
          });
          out.push = out.progressed = true;
        }
        break;
      case "setMirror": {
        const change = await recordWeightChange(tx, {
          rolloutId,
          weights: rollout.desiredWeights as Weights,
          stepIndex: intent.stepIndex,
          reason: `Mirror ${intent.sampleBasisPoints / 100} % of safe requests to the challenger`,
          actor: ctx.actor.label,
          epoch,
        });
        await writeAuditEvent(tx, ctx, {
          action: "rollout.set_mirror",
          entityType: "rollout",
          entityId: rolloutId,
          after: { sampleBasisPoints: intent.sampleBasisPoints, configVersion: change.configVersion },
        });
        out.push = out.progressed = true;
        break;
      }
      case "startStep": {
        const step = await tx.planStep.updateMany({
          where: { rolloutId, index: intent.stepIndex, status: "pending" },
          data: { status: "running", startedAt: now },
        });
        if (step.count || !rollout.stepStartedAt) {
          await tx.rollout.update({ where: { id: rolloutId }, data: { stepStartedAt: now, statusReason: null } });
          await writeAuditEvent(tx, ctx, {
            action: "rollout.step_start",
            entityType: "rollout",
            entityId: rolloutId,
            after: { stepIndex: intent.stepIndex },
          });
          out.progressed = true;
        }
        break;
      }
      case "completeStep":
        if (rollout.currentStepIndex === intent.stepIndex) {
          await tx.planStep.updateMany({
            where: { rolloutId, index: intent.stepIndex, status: { in: ["pending", "running"] } },
            data: { status: "completed", completedAt: now },
          });
          await tx.rollout.update({
            where: { id: rolloutId },
            data: { currentStepIndex: intent.stepIndex + 1, stepStartedAt: null, statusReason: null },
          });
          await writeAuditEvent(tx, ctx, {
            action: "rollout.step_complete",
            entityType: "rollout",
            entityId: rolloutId,
            after: { stepIndex: intent.stepIndex },
          });
          out.progressed = true;
        }
        break;
      case "setPhase":
        if (rollout.exposurePhase !== intent.phase) {
          await tx.rollout.update({ where: { id: rolloutId }, data: { exposurePhase: intent.phase } });
          await writeAuditEvent(tx, ctx, {
            action: "rollout.set_phase",
            entityType: "rollout",
            entityId: rolloutId,
            before: { phase: rollout.exposurePhase },
            after: { phase: intent.phase },
          });
          out.progressed = true;
        }
        break;
      case "runAnalysis":
        out.analysis.push(intent.stepIndex);
        break;
      case "reallocate":
        out.reallocate.push({ stepIndex: intent.stepIndex, round: intent.round });
        break;
      case "waitForSync":
        out.waitingForSync = true;
        await note(tx, rolloutId, rollout.statusReason, intent.reason);
        break;
      case "waitUntil":
        out.wakeAt = out.wakeAt && out.wakeAt < intent.at ? out.wakeAt : intent.at;
        break;
      case "awaitPromotion":
        await note(
          tx,
          rolloutId,
          rollout.statusReason,
          `Paused at step ${intent.stepIndex + 1} until someone advances or promotes`,
        );
        break;
      case "holdInconclusive":
      case "holdForData":
        await note(tx, rolloutId, rollout.statusReason, intent.reason);
        out.notes.push(intent.reason);
        break;
      case "pause":
        await transitionRollout(tx, ctx, {
          rollout,
          command: "pause",
          data: { statusReason: intent.reason },
          meta: { reason: intent.reason },
        });
        out.progressed = true;
        break;
      case "complete": {
        const ended = await completeRolloutInTx(tx, ctx, { rollout, weights: intent.weights, epoch });
        out.push = out.progressed = true;
        out.settle = { rolloutId, configVersion: ended.configVersion };
        break;
      }
      case "rollback": {
        // A confirmed (or break-glass) request the web didn't finish executing: carry it out as
        // that request, not as a new automatic rollback.
        const confirmed = await tx.rollbackRequest.findFirst({
          where: { rolloutId, status: "pending", OR: [{ confirmedById: { not: null } }, { breakGlass: true }] },
          orderBy: { createdAt: "asc" },
        });
        const source = confirmed
          ? confirmed.breakGlass
            ? "break_glass"
            : "manual"
          : ctx.actor.type === "system"
            ? "automatic"
            : "manual";
        const ended = await rollbackRolloutInTx(tx, ctx, {
          rollout,
          reason: confirmed?.reason ?? intent.reason,
          source,
          epoch,
          rollbackRequestId: confirmed?.id,
        });
        out.push = out.progressed = true;
        out.settle = { rolloutId, configVersion: ended.configVersion };
        return out;
      }
    }
  }
  // Once every router confirmed, a "waiting for routers" note no longer says what the rollout waits for.
  if (!intents.some((i) => i.type === "waitForSync")) {
    const { statusReason } = await tx.rollout.findUniqueOrThrow({
      where: { id: rolloutId },
      select: { statusReason: true },
    });
    if (isSyncWaitReason(statusReason))
      await tx.rollout.update({ where: { id: rolloutId }, data: { statusReason: null } });
  }
  return out;
}

async function note(tx: Tx, rolloutId: string, current: string | null, reason: string) {
  if (current !== reason)
    await tx.rollout.update({ where: { id: rolloutId }, data: { statusReason: reason.slice(0, 500) } });
}
