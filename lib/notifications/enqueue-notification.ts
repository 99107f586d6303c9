// Shared by web and the controller (no "server-only"): runs in the caller's transaction, so a
// notification exists exactly when the change that caused it commits. Sending happens later,
// outside any business transaction (deliver-pending.ts): an endpoint that is down blocks nothing.
import type { Tx } from "../db/create-client";
import { slackPayload, type NotificationMessage } from "./slack-payload";
import { jsonColumn } from "../db/json-column";

/**
 * Queues one delivery per enabled endpoint subscribed to `event` (or to "*"). Returns how many
 * deliveries were queued.
 */
export async function enqueueNotification(
  tx: Tx,
  message: { event: string; title: string; text: string; url?: string; data?: Record<string, unknown> },
  options: { endpointId?: string } = {},
): Promise<number> {
  const endpoints = await tx.notificationEndpoint.findMany({
    where: {
      enabled: true,
      ...(options.endpointId ? { id: options.endpointId } : { events: { hasSome: [message.event, "*"] } }),
    },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const full: NotificationMessage = { ...message, data: message.data ?? {} };
  const payload = jsonColumn(slackPayload(full, process.env.SWITCHYARD_PUBLIC_URL ?? process.env.NEXTAUTH_URL));
  await tx.notificationDelivery.createMany({
    data: endpoints.map((e) => ({ endpointId: e.id, event: message.event, payload })),
  });
  return endpoints.length;
}
