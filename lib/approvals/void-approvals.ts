// Called by the plan editor when the plan hash changes: approvals of the old plan stop counting.
import type { Tx } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { systemContext, type ServiceContext } from "../permissions";

/**
 * Voids every live approval of the rollout and records why (one audit event). Returns how many
 * were voided. Approvals are bound to a plan hash anyway; voiding makes the change visible.
 */
export async function voidApprovals(
  tx: Tx,
  { rolloutId, reason, ctx }: { rolloutId: string; reason: string; ctx?: ServiceContext },
): Promise<number> {
  const live = await tx.approval.findMany({
    where: { rolloutId, voidedAt: null },
    select: { id: true, approverId: true, planHash: true },
  });
  if (live.length === 0) return 0;
  await tx.approval.updateMany({ where: { id: { in: live.map((a) => a.id) } }, data: { voidedAt: new Date() } });
  await writeAuditEvent(tx, ctx ?? systemContext("approvals"), {
    action: "approval.void",
    entityType: "rollout",
    entityId: rolloutId,
    before: live,
    meta: { reason, voided: live.length },
  });
  return live.length;
}
