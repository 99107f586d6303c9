import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { actingPersonId } from "./acting-person";
import { auditRefusals } from "./audit-refusals";
import type { RevokeApprovalInput } from "./schemas";

/** An approver withdraws their own approval before the rollout starts; it stops counting at once. */
export async function revokeApproval({ ctx, input }: { ctx: ServiceContext; input: RevokeApprovalInput }) {
  return auditRefusals(
    ctx,
    { action: "approval.revoke", entityType: "approval", entityId: input.approvalId },
    async () => {
      requirePermission(ctx, "approvals.approve");
      const personId = await actingPersonId(db, ctx, "revoke an approval");
      const approval = await db.approval.findUnique({
        where: { id: input.approvalId },
        include: { rollout: { select: { status: true } } },
      });
      if (!approval) throw new NotFoundError("No such approval.");
      if (approval.approverId !== personId)
        throw new ForbiddenError("Only the approver who gave an approval can revoke it.");
      if (approval.voidedAt) throw new ConflictError("This approval no longer counts already (voided or revoked).");
      if (!["draft", "awaiting_approval", "ready"].includes(approval.rollout.status)) {
        throw new PreconditionFailedError(
          "The rollout has started: approvals can't be revoked any more. Request a rollback or abort it instead.",
        );
      }
      return db.$transaction(async (tx) => {
        const after = await tx.approval.update({ where: { id: approval.id }, data: { voidedAt: new Date() } });
        await recordAudit(tx, ctx, {
          action: "approval.revoke",
          entityType: "approval",
          entityId: approval.id,
          before: approval,
          after,
          meta: { rolloutId: approval.rolloutId },
        });
        return after;
      });
    },
  );
}
