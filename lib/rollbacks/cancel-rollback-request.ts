import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { can, type ServiceContext } from "../permissions";
import { auditRefusals } from "../approvals/audit-refusals";
import type { CancelRollbackRequestInput } from "./schemas";

/** Withdraws a pending request: the requester changed their mind, or the second person declines. */
export async function cancelRollbackRequest({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CancelRollbackRequestInput;
}) {
  return auditRefusals(
    ctx,
    { action: "rollback.cancel", entityType: "rollback_request", entityId: input.requestId },
    async () => {
      if (!can(ctx, "rollbacks.request") && !can(ctx, "rollbacks.confirm"))
        throw new ForbiddenError("Your role can't cancel rollback requests (rollbacks.request or rollbacks.confirm).");
      const request = await db.rollbackRequest.findUnique({ where: { id: input.requestId } });
      if (!request) throw new NotFoundError("No such rollback request.");
      if (request.status !== "pending")
        throw new ConflictError(
          `This rollback request is ${request.status} already; only a pending request can be cancelled.`,
        );
      if (request.confirmedById)
        throw new ConflictError("This rollback is confirmed and executing; it can't be cancelled.");
      return db.$transaction(async (tx) => {
        const updated = await tx.rollbackRequest.updateMany({
          where: { id: request.id, status: "pending", confirmedById: null },
          data: { status: "cancelled" },
        });
        if (updated.count !== 1)
          throw new ConflictError("This rollback request was confirmed or cancelled a moment ago.");
        const after = await tx.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } });
        await recordAudit(tx, ctx, {
          action: "rollback.cancel",
          entityType: "rollback_request",
          entityId: request.id,
          before: request,
          after,
          meta: { rolloutId: request.rolloutId, note: input.note },
        });
        return after;
      });
    },
  );
}
