// Completion: the promoted variant becomes the system's champion (what 100 % gets once no
// rollout runs) and is seated in the slot that served it; a blue-green's old slot stays warm for
// instant switch-back. The routing that follows is checked before the completion commits.
import type { Tx } from "../db/create-client";
import type { Rollout } from "../generated/prisma/client";
import type { ServiceContext } from "../permissions";
import { weightsEqual, type Weights } from "../routers/types";
import { writeAuditEvent } from "../audit/write-audit-event";
import { recordWeightChange } from "./record-weight-change";
import { transitionRollout } from "./transition-rollout";
import { afterRolloutChange } from "./after-rollout-change";
import { seatChampionInTx } from "./seat-champion";
import { buildRoutingConfig } from "./build-routing-config";

export async function completeRolloutInTx(
  tx: Tx,
  ctx: ServiceContext,
  { rollout, weights, epoch }: { rollout: Rollout; weights: Weights; epoch: number },
) {
  if (!weightsEqual(rollout.desiredWeights as Weights, weights)) {
    await recordWeightChange(tx, {
      rolloutId: rollout.id,
      weights,
      stepIndex: null,
      reason: "Completion",
      actor: ctx.actor.label,
      epoch,
    });
  }
  const variants = await tx.rolloutVariant.findMany({ where: { rolloutId: rollout.id } });
  const winner = variants.reduce(
    (best, v) => ((weights[v.key] ?? 0) > (weights[best.key] ?? 0) ? v : best),
    variants[0]!,
  );
  const champion = variants.find((v) => v.role === "champion")!;
  const now = new Date();
  const fresh = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
  const after = await transitionRollout(tx, ctx, {
    rollout: fresh,
    command: "complete",
    data: {
      endedAt: now,
      statusReason: winner.role === "challenger" ? `Promoted ${winner.key}` : "Ended; the champion keeps serving",
    },
  });
  if (winner.role === "challenger") {
    await tx.system.update({ where: { id: rollout.systemId }, data: { championVersionId: winner.versionId } });
    await tx.modelVersion.update({ where: { id: winner.versionId }, data: { status: "serving" } });
    await tx.modelVersion.update({ where: { id: champion.versionId }, data: { status: "retired" } });
    await seatChampionInTx(tx, ctx, { systemId: rollout.systemId, winner, championSlotId: champion.slotId });
    const warmSeconds = Number((rollout.config as { warmSeconds?: number }).warmSeconds ?? 600);
    if (champion.slotId)
      await tx.slot.update({
        where: { id: champion.slotId },
        data: { warmUntil: new Date(now.getTime() + warmSeconds * 1000) },
      });
    await writeAuditEvent(tx, ctx, {
      action: "system.champion_change",
      entityType: "system",
      entityId: rollout.systemId,
      before: { championVersionId: champion.versionId },
      after: { championVersionId: winner.versionId },
      meta: { rolloutId: rollout.id },
    });
  }
  // The invariant, where completions commit: what the system routes to next is buildable (a
  // champion in a slot); otherwise the completion rolls back with the cause named.
  await buildRoutingConfig(tx, { systemId: rollout.systemId });
  await afterRolloutChange(tx, ctx, after, { event: "rollout.completed" });
  return after;
}
