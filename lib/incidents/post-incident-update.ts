import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { syncDeploymentRecord } from "../records/sync-deployment-record";
import type { PostIncidentUpdateInput } from "./schemas";

/** Posts a status update stakeholders see on the status page; "resolved" closes the incident. */
export async function postIncidentUpdate({
  ctx,
  input,
  rootCause,
}: {
  ctx: ServiceContext;
  input: PostIncidentUpdateInput;
  rootCause?: string;
}) {
  requirePermission(ctx, "incidents.write");
  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUnique({
      where: { id: input.incidentId },
      include: { system: { select: { name: true, slug: true } } },
    });
    if (!before) throw new NotFoundError("No such incident.");
    if (before.status === "resolved")
      throw new PreconditionFailedError("This incident is resolved already; open a new one if the problem is back.");
    const resolved = input.status === "resolved";
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: before.id,
        status: input.status,
        message: input.message,
        authorId: ctx.actor.type === "user" ? ctx.actor.id : null,
      },
    });
    const after = await tx.incident.update({
      where: { id: before.id },
      data: {
        status: input.status,
        ...(resolved ? { resolvedAt: update.createdAt } : {}),
        ...(rootCause ? { rootCause } : {}),
      },
    });
    const { system, ...beforeRow } = before;
    await recordAudit(tx, ctx, {
      action: resolved ? "incident.resolve" : "incident.update",
      entityType: "incident",
      entityId: before.id,
      before: beforeRow,
      after,
      meta: { message: input.message },
    });
    await enqueueNotification(tx, {
      event: "incident.updated",
      title: `${system.name}: ${before.title} — ${input.status}`,
      text: input.message + (rootCause ? `\nRoot cause: ${rootCause}` : ""),
      url: `/status/${system.slug}`,
      data: { incidentId: before.id, system: system.slug, status: input.status, rolloutId: before.rolloutId },
    });
    if (before.rolloutId) await syncDeploymentRecord(tx, before.rolloutId);
    return { incident: after, update };
  });
}
