import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { canTransition, transition, IllegalTransitionError } from "../rollouts/state-machine";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import type { RequestRollbackInput } from "./schemas";

/**
 * First half of the two-person rollback: a release manager asks with a reason. Nothing changes
 * for traffic until a different person confirms. One pending request per rollout.
 */
export async function requestRollback({ ctx, input }: { ctx: ServiceContext; input: RequestRollbackInput }) {
  return auditRefusals(
    ctx,
    { action: "rollback.request", entityType: "rollout", entityId: input.rolloutId, meta: { reason: input.reason } },
    async () => {
      requirePermission(ctx, "rollbacks.request");
      const requestedById = await actingPersonId(db, ctx, "request a rollback");
      const rollout = await db.rollout.findUnique({
        where: { id: input.rolloutId },
        include: { system: { select: { name: true, slug: true } } },
      });
      if (!rollout) throw new NotFoundError("No such rollout.");
      assertCanRollBack(rollout.status);
      const pending = await db.rollbackRequest.findFirst({
        where: { rolloutId: rollout.id, status: "pending" },
        include: { requestedBy: { select: { name: true } } },
      });
      if (pending)
        throw new ConflictError(
          `A rollback request by ${pending.requestedBy?.name ?? "someone"} is already waiting for confirmation: confirm or cancel it.`,
        );
      return db.$transaction(async (tx) => {
        const request = await tx.rollbackRequest.create({
          data: { rolloutId: rollout.id, requestedById, reason: input.reason, source: "manual" },
        });
        await recordAudit(tx, ctx, {
          action: "rollback.request",
          entityType: "rollback_request",
          entityId: request.id,
          after: request,
          meta: { rolloutId: rollout.id },
        });
        await enqueueNotification(tx, {
          event: "rollback.requested",
          title: `${rollout.system.name}: rollback of “${rollout.name}” requested`,
          text: `${ctx.actor.label.replace(/ <.*>$/, "")} asks to roll back: ${input.reason}. A second person must confirm it.`,
          url: `/rollouts/${rollout.id}`,
          data: { rolloutId: rollout.id, requestId: request.id, system: rollout.system.slug, reason: input.reason },
        });
        return request;
      });
    },
  );
}

/** The state machine decides whether a rollout can be rolled back; its refusal is the reason. */
export function assertCanRollBack(status: Parameters<typeof transition>[0]) {
  if (canTransition(status, "rollback")) return;
  try {
    transition(status, "rollback");
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new PreconditionFailedError(`${error.message}.`);
    throw error;
  }
}
