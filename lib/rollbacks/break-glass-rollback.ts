import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { executeRollback } from "../rollouts/execute-rollback";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import { assertCanRollBack } from "./request-rollback";
import { markRollbackFailed } from "./mark-rollback-failed";
import type { BreakGlassRollbackInput } from "./schemas";

/**
 * One person rolls back alone when a second can't be reached in time. It needs a written reason,
 * is flagged breakGlass, notified at once (rollback.executed, from the post-rollback procedure) and waits on the Approvals page until another person
 * reviews it. A pending two-person request for the same rollout is superseded (cancelled).
 */
export async function breakGlassRollback({ ctx, input }: { ctx: ServiceContext; input: BreakGlassRollbackInput }) {
  const request = await auditRefusals(
    ctx,
    {
      action: "rollback.break_glass",
      entityType: "rollout",
      entityId: input.rolloutId,
      meta: { reason: input.reason },
    },
    async () => {
      requirePermission(ctx, "rollbacks.break_glass");
      const personId = await actingPersonId(db, ctx, "break the glass");
      const rollout = await db.rollout.findUnique({ where: { id: input.rolloutId } });
      if (!rollout) throw new NotFoundError("No such rollout.");
      assertCanRollBack(rollout.status);
      return db.$transaction(async (tx) => {
        const superseded = await tx.rollbackRequest.updateMany({
          where: { rolloutId: rollout.id, status: "pending" },
          data: { status: "cancelled" },
        });
        const request = await tx.rollbackRequest.create({
          data: {
            rolloutId: rollout.id,
            requestedById: personId,
            reason: input.reason,
            breakGlass: true,
            source: "break_glass",
          },
        });
        await recordAudit(tx, ctx, {
          action: "rollback.break_glass",
          entityType: "rollback_request",
          entityId: request.id,
          after: request,
          meta: { rolloutId: rollout.id, supersededRequests: superseded.count },
        });
        return request;
      });
    },
  );
  try {
    const result = await executeRollback(db, {
      ctx,
      rolloutId: request.rolloutId,
      reason: request.reason,
      source: "break_glass",
      rollbackRequestId: request.id,
    });
    return { request: await db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } }), ...result };
  } catch (error) {
    await markRollbackFailed(ctx, request.id, error);
    throw error;
  }
}
