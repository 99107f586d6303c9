// Rollback: everything back to the champion at once. Used by the controller (a failed gate),
// by a confirmed two-person request and by break-glass. The database change commits first; the
// routers are pushed right after, outside the transaction, and retried by the controller.
import type { PrismaClient, Tx } from "../db/create-client";
import type { Rollout } from "../generated/prisma/client";
import { can, type ServiceContext } from "../permissions";
import { ForbiddenError } from "../errors";
import type { Weights } from "../routers/types";
import { allToChampion } from "../strategies/plan";
import { currentEpoch } from "../controller/epoch";
import { startPostRollbackProcedure } from "../rollbacks/post-rollback";
import { recordWeightChange } from "./record-weight-change";
import { transitionRollout } from "./transition-rollout";
import { lockRollout } from "./lock-rollout";
import { pushSystemRouting, type PushResult } from "./push-routing";
import { afterRolloutChange } from "./after-rollout-change";

export type RollbackSource = "manual" | "automatic" | "break_glass";

export async function rollbackRolloutInTx(
  tx: Tx,
  ctx: ServiceContext,
  input: { rollout: Rollout; reason: string; source: RollbackSource; epoch: number; rollbackRequestId?: string },
) {
  const { rollout } = input;
  const variants = await tx.rolloutVariant.findMany({
    where: { rolloutId: rollout.id },
    select: { key: true, role: true },
  });
  const weightsBefore = rollout.desiredWeights as Weights;
  const weightsAfter = allToChampion(variants);
  await recordWeightChange(tx, {
    rolloutId: rollout.id,
    weights: weightsAfter,
    stepIndex: null,
    reason: `Rollback: ${input.reason}`,
    actor: ctx.actor.label,
    epoch: input.epoch,
  });
  // The step it was on failed; the transition closes the rest as skipped.
  await tx.planStep.updateMany({
    where: { rolloutId: rollout.id, index: rollout.currentStepIndex, status: "running" },
    data: { status: "failed", completedAt: new Date(), note: input.reason.slice(0, 500) },
  });
  const fresh = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
  const after = await transitionRollout(tx, ctx, {
    rollout: fresh,
    command: "rollback",
    data: { endedAt: new Date(), statusReason: `Rolled back: ${input.reason}`.slice(0, 500) },
    meta: { reason: input.reason, source: input.source },
  });
  if (input.rollbackRequestId) {
    await tx.rollbackRequest.update({
      where: { id: input.rollbackRequestId },
      data: { status: "executed", executedAt: new Date(), weightsBefore, weightsAfter },
    });
  } else if (input.source === "automatic") {
    await tx.rollbackRequest.create({
      data: {
        rolloutId: rollout.id,
        source: "automatic",
        reason: input.reason,
        status: "executed",
        executedAt: new Date(),
        weightsBefore,
        weightsAfter,
      },
    });
  }
  await startPostRollbackProcedure(tx, ctx, { rolloutId: rollout.id, reason: input.reason, source: input.source });
  await afterRolloutChange(tx, ctx, after, { event: "rollout.rolled_back" });
  return { configVersion: after.configVersion, weightsBefore, weightsAfter };
}

/**
 * Executes a rollback now. The caller has already decided it may (a confirmed request, a
 * break-glass reason, or a failed gate); this checks the actor can roll back at all.
 */
export async function executeRollback(
  db: PrismaClient,
  input: { ctx: ServiceContext; rolloutId: string; reason: string; source: RollbackSource; rollbackRequestId?: string },
): Promise<{ weightsBefore: Weights; weightsAfter: Weights; routers: PushResult[] }> {
  const { ctx } = input;
  if (!can(ctx, "rollbacks.confirm") && !can(ctx, "rollbacks.break_glass"))
    throw new ForbiddenError("Your role can't roll back.");
  const epoch = await currentEpoch(db);
  const result = await db.$transaction(async (tx) => {
    await lockRollout(tx, input.rolloutId);
    const rollout = await tx.rollout.findUniqueOrThrow({ where: { id: input.rolloutId } });
    if (rollout.status === "rolled_back" && input.rollbackRequestId) {
      // The controller got there first with this very request: report what it did.
      const done = await tx.rollbackRequest.findUniqueOrThrow({ where: { id: input.rollbackRequestId } });
      if (done.status === "executed") {
        return {
          configVersion: rollout.configVersion,
          weightsBefore: done.weightsBefore as Weights,
          weightsAfter: done.weightsAfter as Weights,
          systemId: rollout.systemId,
        };
      }
    }
    const ended = await rollbackRolloutInTx(tx, ctx, {
      rollout,
      reason: input.reason,
      source: input.source,
      epoch,
      rollbackRequestId: input.rollbackRequestId,
    });
    return { ...ended, systemId: rollout.systemId };
  });
  const routers = await pushSystemRouting(db, {
    systemId: result.systemId,
    epoch,
    settle: { rolloutId: input.rolloutId, configVersion: result.configVersion },
  });
  return { weightsBefore: result.weightsBefore, weightsAfter: result.weightsAfter, routers };
}
