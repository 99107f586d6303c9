// awaiting_approval → ready once the checklist is done and enough approvers signed the plan.
import type { Tx } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { ConflictError } from "../errors";
import type { ServiceContext } from "../permissions";
import { transition } from "../rollouts/state-machine";
import { countValidApprovals } from "./approval-policy";
import { getStartBlockers } from "./start-blockers";

/**
 * Moves the rollout to "ready" through the state machine's approve command when nothing blocks
 * it any more. Called after an approval, a signature or a system check; a no-op otherwise.
 * Returns true when the status changed.
 */
export async function markReadyIfDone(tx: Tx, ctx: ServiceContext, rolloutId: string): Promise<boolean> {
  const rollout = await tx.rollout.findUnique({
    where: { id: rolloutId },
    include: { system: { select: { requiredApprovals: true } }, approvals: true },
  });
  if (!rollout || rollout.status !== "awaiting_approval") return false;
  if ((await getStartBlockers(tx, rolloutId)).length > 0) return false;
  const status = transition(rollout.status, "approve", {
    approvals: countValidApprovals(rollout.approvals, rollout),
    approvalsRequired: rollout.system.requiredApprovals,
  });
  const updated = await tx.rollout.updateMany({
    where: { id: rollout.id, revision: rollout.revision },
    data: { status, revision: { increment: 1 }, statusReason: "Checklist done and plan approved" },
  });
  if (updated.count !== 1) throw new ConflictError("The rollout changed while it was being approved. Reload and try again.");
  await writeAuditEvent(tx, ctx, {
    action: "rollout.approve",
    entityType: "rollout",
    entityId: rollout.id,
    before: { status: rollout.status },
    after: { status },
    meta: { planHash: rollout.planHash },
  });
  return true;
}
