import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import type { ReviewBreakGlassInput } from "./schemas";

/** Another person reviews a break-glass rollback after the fact and records what they found. */
export async function reviewBreakGlass({ ctx, input }: { ctx: ServiceContext; input: ReviewBreakGlassInput }) {
  return auditRefusals(
    ctx,
    { action: "rollback.review", entityType: "rollback_request", entityId: input.requestId },
    async () => {
      requirePermission(ctx, "rollbacks.confirm");
      const reviewerId = await actingPersonId(db, ctx, "review a break-glass rollback");
      const request = await db.rollbackRequest.findUnique({
        where: { id: input.requestId },
        include: { reviewedBy: { select: { name: true } } },
      });
      if (!request) throw new NotFoundError("No such rollback request.");
      if (!request.breakGlass)
        throw new PreconditionFailedError(
          "Only break-glass rollbacks are reviewed; this one was confirmed by a second person.",
        );
      if (request.requestedById === reviewerId)
        throw new ForbiddenError("You broke the glass, so you can't review it: another person must.");
      if (request.reviewedAt) throw new ConflictError(`Already reviewed by ${request.reviewedBy?.name ?? "someone"}.`);
      if (request.status === "pending")
        throw new PreconditionFailedError("This break-glass rollback is still executing; review it once it has run.");
      return db.$transaction(async (tx) => {
        const updated = await tx.rollbackRequest.updateMany({
          where: { id: request.id, reviewedAt: null },
          data: { reviewedById: reviewerId, reviewedAt: new Date(), reviewNote: input.note },
        });
        if (updated.count !== 1) throw new ConflictError("Someone reviewed it a moment ago.");
        const after = await tx.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } });
        await recordAudit(tx, ctx, {
          action: "rollback.review",
          entityType: "rollback_request",
          entityId: request.id,
          before: { reviewedById: null },
          after: { reviewedById: reviewerId, reviewNote: input.note },
          meta: { rolloutId: request.rolloutId },
        });
        return after;
      });
    },
  );
}
