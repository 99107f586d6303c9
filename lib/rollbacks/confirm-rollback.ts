import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError, ServiceError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { executeRollback } from "../rollouts/execute-rollback";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import { assertCanRollBack } from "./request-rollback";
import { markRollbackFailed } from "./mark-rollback-failed";
import type { ConfirmRollbackInput } from "./schemas";

const SELF = "You requested this rollback, so you can't confirm it: a different person must (two-person rule).";

/**
 * Second half of the two-person rollback: a different person confirms, and the rollback executes
 * at once (outside this transaction). The rule holds in the database too: a CHECK constraint
 * refuses confirmed_by = requested_by whatever path writes it. Confirming twice, or a request
 * already executed or cancelled, is refused.
 */
export async function confirmRollback({ ctx, input }: { ctx: ServiceContext; input: ConfirmRollbackInput }) {
  const request = await auditRefusals(
    ctx,
    { action: "rollback.confirm", entityType: "rollback_request", entityId: input.requestId },
    async () => {
      requirePermission(ctx, "rollbacks.confirm");
      const confirmerId = await actingPersonId(db, ctx, "confirm a rollback");
      const request = await db.rollbackRequest.findUnique({
        where: { id: input.requestId },
        include: { rollout: { select: { status: true } }, confirmedBy: { select: { name: true } } },
      });
      if (!request) throw new NotFoundError("No such rollback request.");
      if (request.requestedById === confirmerId) throw new ForbiddenError(SELF);
      if (request.status === "executed") throw new ConflictError("This rollback has already been executed.");
      if (request.status === "cancelled")
        throw new ConflictError("This rollback request was cancelled; request a new one if it is still needed.");
      if (request.status === "failed") throw new ConflictError("This rollback request failed; request a new one.");
      if (request.confirmedById)
        throw new ConflictError(`This rollback was already confirmed by ${request.confirmedBy?.name ?? "someone"}.`);
      assertCanRollBack(request.rollout.status);
      try {
        return await db.$transaction(async (tx) => {
          const updated = await tx.rollbackRequest.updateMany({
            where: { id: request.id, status: "pending", confirmedById: null },
            data: { confirmedById: confirmerId, confirmedAt: new Date() },
          });
          if (updated.count !== 1)
            throw new ConflictError("This rollback was confirmed or cancelled by someone else a moment ago.");
          const after = await tx.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } });
          await recordAudit(tx, ctx, {
            action: "rollback.confirm",
            entityType: "rollback_request",
            entityId: request.id,
            before: { confirmedById: null },
            after: { confirmedById: confirmerId },
            meta: { rolloutId: request.rolloutId },
          });
          return after;
        });
      } catch (error) {
        if (
          !(error instanceof ServiceError) &&
          error instanceof Error &&
          /rollback_requests_two_person_check/.test(error.message)
        )
          throw new ForbiddenError(SELF);
        throw error;
      }
    },
  );
  try {
    const result = await executeRollback(db, {
      ctx,
      rolloutId: request.rolloutId,
      reason: request.reason,
      source: "manual",
      rollbackRequestId: request.id,
    });
    return { request: await db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } }), ...result };
  } catch (error) {
    await markRollbackFailed(ctx, request.id, error);
    throw error;
  }
}
