// openIncident(tx, ...) is shared by web and the controller (no "server-only"): the rollback
// procedure calls it inside its own transaction. openIncidentByPerson is the verb for people.
import type { Tx } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { BadRequestError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { syncDeploymentRecord } from "../records/sync-deployment-record";
import { openIncidentSchema, type OpenIncidentInput } from "./schemas";

export interface OpenIncidentArgs {
  systemId: string;
  rolloutId?: string | null;
  title: string;
  severity?: string;
  message: string;
}

/**
 * Opens an incident on the public status page with its first update ("investigating"), audits it
 * (`incident.open`), queues the `incident.opened` notification and brings the rollout's
 * deployment record up to date — all in the caller's transaction.
 */
export async function openIncident(tx: Tx, ctx: ServiceContext, args: OpenIncidentArgs) {
  const authorId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const system = await tx.system.findUnique({ where: { id: args.systemId }, select: { name: true, slug: true } });
  if (!system)
    throw new NotFoundError("No system with that id.", [{ name: "systemId", reason: "No system with that id" }]);
  if (args.rolloutId) {
    const rollout = await tx.rollout.findUnique({ where: { id: args.rolloutId }, select: { systemId: true } });
    if (!rollout)
      throw new NotFoundError("No rollout with that id.", [{ name: "rolloutId", reason: "No rollout with that id" }]);
    if (rollout.systemId !== args.systemId)
      throw new BadRequestError(`That rollout belongs to another system than ${system.name}.`, [
        { name: "rolloutId", reason: `Not a rollout of ${system.name}` },
      ]);
  }
  const incident = await tx.incident.create({
    data: {
      systemId: args.systemId,
      rolloutId: args.rolloutId ?? null,
      title: args.title,
      severity: args.severity ?? "minor",
      updates: { create: { status: "investigating", message: args.message, authorId } },
    },
    include: { updates: true },
  });
  await writeAuditEvent(tx, ctx, {
    action: "incident.open",
    entityType: "incident",
    entityId: incident.id,
    after: incident,
    meta: { rolloutId: args.rolloutId ?? null },
  });
  await enqueueNotification(tx, {
    event: "incident.opened",
    title: `${system.name}: incident — ${args.title}`,
    text: `${(args.severity ?? "minor").toUpperCase()} · investigating. ${args.message}`,
    url: `/status/${system.slug}`,
    data: {
      incidentId: incident.id,
      systemId: args.systemId,
      system: system.slug,
      rolloutId: args.rolloutId ?? null,
      severity: incident.severity,
    },
  });
  if (args.rolloutId) await syncDeploymentRecord(tx, args.rolloutId);
  return incident;
}

/** A release manager (or admin) opens an incident by hand. */
export async function openIncidentByPerson({
  ctx,
  input,
  db,
}: {
  ctx: ServiceContext;
  input: OpenIncidentInput;
  db: { $transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> };
}) {
  requirePermission(ctx, "incidents.write");
  const parsed = openIncidentSchema.parse(input);
  return db.$transaction((tx) => openIncident(tx, ctx, parsed));
}
