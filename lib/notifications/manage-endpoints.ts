import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto/secret-box";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { enqueueNotification } from "./enqueue-notification";
import type { CreateEndpointInput } from "./schemas";

// Endpoint management verbs (admin). Secrets are sealed with secret-box and never read back.
const PUBLIC = {
  id: true,
  name: true,
  url: true,
  events: true,
  enabled: true,
  createdAt: true,
  secretEncrypted: false,
} as const;

export async function createNotificationEndpoint({ ctx, input }: { ctx: ServiceContext; input: CreateEndpointInput }) {
  requirePermission(ctx, "notifications.manage");
  if (await db.notificationEndpoint.findUnique({ where: { name: input.name } }))
    throw new ConflictError(`An endpoint named "${input.name}" exists already.`);
  return db.$transaction(async (tx) => {
    const row = await tx.notificationEndpoint.create({
      data: {
        name: input.name,
        url: input.url,
        events: input.events,
        secretEncrypted: input.secret ? encryptSecret(input.secret) : null,
      },
      select: PUBLIC,
    });
    await recordAudit(tx, ctx, {
      action: "notification_endpoint.create",
      entityType: "notification_endpoint",
      entityId: row.id,
      after: { ...row, signed: Boolean(input.secret) },
    });
    return row;
  });
}

export async function setNotificationEndpointEnabled({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { endpointId: string; enabled: boolean };
}) {
  requirePermission(ctx, "notifications.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.notificationEndpoint.findUnique({ where: { id: input.endpointId }, select: PUBLIC });
    if (!before) throw new NotFoundError("No such endpoint.");
    const after = await tx.notificationEndpoint.update({
      where: { id: input.endpointId },
      data: { enabled: input.enabled },
      select: PUBLIC,
    });
    await recordAudit(tx, ctx, {
      action: input.enabled ? "notification_endpoint.enable" : "notification_endpoint.disable",
      entityType: "notification_endpoint",
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteNotificationEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { endpointId: string };
}) {
  requirePermission(ctx, "notifications.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.notificationEndpoint.findUnique({ where: { id: input.endpointId }, select: PUBLIC });
    if (!before) throw new NotFoundError("No such endpoint.");
    await tx.notificationEndpoint.delete({ where: { id: input.endpointId } });
    await recordAudit(tx, ctx, {
      action: "notification_endpoint.delete",
      entityType: "notification_endpoint",
      entityId: before.id,
      before,
    });
  });
}

/** Queues a test message to one endpoint (sent by the controller's delivery loop). */
export async function sendTestNotification({ ctx, input }: { ctx: ServiceContext; input: { endpointId: string } }) {
  requirePermission(ctx, "notifications.manage");
  return db.$transaction(async (tx) => {
    const n = await enqueueNotification(
      tx,
      {
        event: "test",
        title: "Switchyard test notification",
        text: "If you can read this, the endpoint works.",
        data: { test: true },
      },
      { endpointId: input.endpointId },
    );
    if (n === 0) throw new NotFoundError("No such enabled endpoint.");
    await recordAudit(tx, ctx, {
      action: "notification_endpoint.test",
      entityType: "notification_endpoint",
      entityId: input.endpointId,
    });
  });
}

export async function listNotificationEndpoints(ctx: ServiceContext) {
  requirePermission(ctx, "notifications.manage");
  const endpoints = await db.notificationEndpoint.findMany({
    orderBy: { name: "asc" },
    select: { ...PUBLIC, secretEncrypted: true },
  });
  return endpoints.map(({ secretEncrypted, ...e }) => ({ ...e, signed: Boolean(secretEncrypted) }));
}

export async function listRecentDeliveries(ctx: ServiceContext, take = 30) {
  requirePermission(ctx, "notifications.manage");
  return db.notificationDelivery.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      endpoint: { select: { name: true } },
    },
  });
}
