import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { publicMessage } from "../errors";
import type { ServiceContext } from "../permissions";

/** A confirmed rollback whose execution threw: the request says so, and the audit trail too. */
export async function markRollbackFailed(ctx: ServiceContext, requestId: string, error: unknown) {
  await db
    .$transaction(async (tx) => {
      const updated = await tx.rollbackRequest.updateMany({
        where: { id: requestId, status: "pending" },
        data: { status: "failed" },
      });
      if (updated.count === 1) {
        await recordAudit(tx, ctx, {
          action: "rollback.fail",
          entityType: "rollback_request",
          entityId: requestId,
          meta: { reason: publicMessage(error) },
        });
      }
    })
    .catch((e) => console.error("could not mark the rollback request failed", e));
}
