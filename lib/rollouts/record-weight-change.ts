// Records a new desired config version of a rollout: the weight change, one pending application
// per router of the system, and the rollout's desired weights. Routers are pushed afterwards,
// outside the transaction.
import type { Tx } from "../db/create-client";
import type { Weights } from "../routers/types";

export async function recordWeightChange(
  tx: Tx,
  input: {
    rolloutId: string;
    weights: Weights;
    stepIndex: number | null;
    reason: string;
    actor: string;
    epoch: number | null;
  },
) {
  const rollout = await tx.rollout.update({
    where: { id: input.rolloutId },
    data: { configVersion: { increment: 1 }, desiredWeights: input.weights },
    select: { id: true, systemId: true, configVersion: true },
  });
  const routers = await tx.router.findMany({ where: { systemId: rollout.systemId }, select: { id: true } });
  return tx.weightChange.create({
    data: {
      rolloutId: rollout.id,
      configVersion: rollout.configVersion,
      stepIndex: input.stepIndex,
      weights: input.weights,
      reason: input.reason,
      epoch: input.epoch === null ? null : BigInt(input.epoch),
      actor: input.actor,
      applications: { create: routers.map((r) => ({ routerId: r.id })) },
    },
  });
}
