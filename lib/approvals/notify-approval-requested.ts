// Approvers hear about a plan waiting for them when the release manager submits it.
import type { Tx } from "../db/create-client";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { approvalsNeeded, shortHash } from "./approval-policy";

/** Enqueues approval.requested for the rollout (same transaction as the submit). */
export async function notifyApprovalRequested(tx: Tx, rolloutId: string): Promise<void> {
  const rollout = await tx.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    select: {
      id: true,
      name: true,
      strategy: true,
      planHash: true,
      requiredApprovals: true,
      author: { select: { name: true } },
      system: { select: { name: true, slug: true, requiredApprovals: true } },
    },
  });
  const n = approvalsNeeded(rollout);
  await enqueueNotification(tx, {
    event: "approval.requested",
    title: `${rollout.system.name}: “${rollout.name}” awaits approval`,
    text: `${rollout.author.name} submitted a ${rollout.strategy.replace(/_/g, " ")} plan (${shortHash(rollout.planHash)}). It needs ${n} approval${n === 1 ? "" : "s"} from approvers other than the author and a signed checklist before it can start.`,
    url: `/rollouts/${rollout.id}`,
    data: { rolloutId: rollout.id, system: rollout.system.slug, planHash: rollout.planHash, requiredApprovals: n },
  });
}
