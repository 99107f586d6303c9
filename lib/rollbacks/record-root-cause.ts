import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import type { RecordRootCauseInput } from "./schemas";

/**
 * Seed 001 step 5, "investigate": the root cause goes on the rollback's incident (and its
 * timeline), and the rolled-back versions are unblocked so a fixed plan may roll them out again.
 */
export async function recordRootCause({ ctx, input }: { ctx: ServiceContext; input: RecordRootCauseInput }) {
  return auditRefusals(
    ctx,
    { action: "rollback.root_cause", entityType: "rollout", entityId: input.rolloutId },
    async () => {
      requirePermission(ctx, "incidents.write");
      const authorId = await actingPersonId(db, ctx, "record a root cause");
      const rollout = await db.rollout.findUnique({
        where: { id: input.rolloutId },
        select: {
          id: true,
          status: true,
          variants: {
            where: { role: "challenger" },
            select: { version: { select: { id: true, status: true, blockedReason: true } } },
          },
        },
      });
      if (!rollout) throw new NotFoundError("No such rollout.");
      if (rollout.status !== "rolled_back")
        throw new PreconditionFailedError(
          "A root cause is recorded after a rollback; this rollout was not rolled back.",
        );
      const incident = await db.incident.findFirst({
        where: { rolloutId: rollout.id },
        orderBy: { createdAt: "desc" },
      });
      return db.$transaction(async (tx) => {
        let incidentAfter = null;
        if (incident) {
          incidentAfter = await tx.incident.update({
            where: { id: incident.id },
            data: { rootCause: input.rootCause, status: incident.status === "resolved" ? "resolved" : "identified" },
          });
          await tx.incidentUpdate.create({
            data: {
              incidentId: incident.id,
              status: incidentAfter.status,
              message: `Root cause: ${input.rootCause}`,
              authorId,
            },
          });
          await enqueueNotification(tx, {
            event: "incident.updated",
            title: `${incident.title}: root cause identified`,
            text: `Root cause: ${input.rootCause}`,
            data: { incidentId: incident.id, rolloutId: rollout.id, status: incidentAfter.status },
          });
          await recordAudit(tx, ctx, {
            action: "incident.root_cause",
            entityType: "incident",
            entityId: incident.id,
            before: { rootCause: incident.rootCause, status: incident.status },
            after: { rootCause: input.rootCause, status: incidentAfter.status },
          });
        }
        const unblocked: string[] = [];
        for (const { version } of rollout.variants) {
          if (version.status !== "blocked") continue;
          await tx.modelVersion.update({
            where: { id: version.id },
            data: { status: "registered", blockedReason: null },
          });
          await recordAudit(tx, ctx, {
            action: "model_version.unblock",
            entityType: "model_version",
            entityId: version.id,
            before: version,
            after: { status: "registered", blockedReason: null },
            meta: { rolloutId: rollout.id, rootCause: input.rootCause },
          });
          unblocked.push(version.id);
        }
        await recordAudit(tx, ctx, {
          action: "rollback.root_cause",
          entityType: "rollout",
          entityId: rollout.id,
          after: { rootCause: input.rootCause, incidentId: incident?.id ?? null, unblocked },
        });
        return { incident: incidentAfter, unblocked };
      });
    },
  );
}
