// What follows every rollout state change, in the same transaction: the deployment record is
// brought up to date (and frozen when the rollout ends) and people are notified.
import type { Tx } from "../db/create-client";
import type { Rollout } from "../generated/prisma/client";
import type { ServiceContext } from "../permissions";
import { syncDeploymentRecord } from "../records/sync-deployment-record";
import { enqueueNotification } from "../notifications/enqueue-notification";

export async function afterRolloutChange(
  tx: Tx,
  _ctx: ServiceContext,
  rollout: Rollout,
  options: { event?: string } = {},
) {
  await syncDeploymentRecord(tx, rollout.id);
  if (options.event) {
    const system = await tx.system.findUniqueOrThrow({ where: { id: rollout.systemId }, select: { name: true } });
    const words: Record<string, string> = {
      "rollout.completed": "completed",
      "rollout.rolled_back": "was rolled back",
      "rollout.aborted": "was aborted",
      "rollout.started": "started",
    };
    await enqueueNotification(tx, {
      event: options.event,
      title: `${system.name}: rollout “${rollout.name}” ${words[options.event] ?? options.event}`,
      text: rollout.statusReason ?? `${rollout.name} is now ${rollout.status.replace(/_/g, " ")}.`,
      url: `/rollouts/${rollout.id}`,
      data: { rolloutId: rollout.id, status: rollout.status },
    });
  }
}
