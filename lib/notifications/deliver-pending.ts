// Sends queued notifications. Called by the controller every few seconds, outside any business
// transaction; no "server-only". Each due delivery is claimed (a short lease, SKIP LOCKED, so two
// callers never send the same one twice at once), POSTed with an HMAC signature and a timeout,
// then marked delivered, or rescheduled with exponential backoff until it has used its attempts.
import type { PrismaClient } from "../db/create-client";
import { decryptSecret } from "../crypto/secret-box";
import { signNotification } from "./sign-payload";

export interface DeliverOptions {
  now?: Date;
  limit?: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at one hour. */
  baseDelayMs?: number;
  timeoutMs?: number;
  /** How many POSTs run at once. */
  concurrency?: number;
  fetch?: typeof fetch;
}

export interface DeliverSummary {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
const LEASE_MS = 60_000;
const MAX_DELAY_MS = 3_600_000;

export async function deliverPendingNotifications(
  db: PrismaClient,
  options: DeliverOptions = {},
): Promise<DeliverSummary> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 50;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const doFetch = options.fetch ?? fetch;
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE notification_deliveries SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
    WHERE id IN (
      SELECT id FROM notification_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  const summary: DeliverSummary = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return summary;
  const deliveries = await db.notificationDelivery.findMany({
    where: { id: { in: claimed.map((c) => c.id) } },
    include: { endpoint: true },
    orderBy: { createdAt: "asc" },
  });

  const queue = [...deliveries];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const error = await send(d, doFetch, timeoutMs);
      const attempts = d.attempts + 1;
      if (!error) {
        await db.notificationDelivery.update({
          where: { id: d.id },
          data: { status: "delivered", attempts, deliveredAt: new Date(), lastError: null },
        });
        summary.delivered++;
      } else if (attempts >= maxAttempts || error.permanent) {
        await db.notificationDelivery.update({
          where: { id: d.id },
          data: { status: "failed", attempts, lastError: error.message },
        });
        summary.failed++;
      } else {
        const delay = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** (attempts - 1));
        await db.notificationDelivery.update({
          where: { id: d.id },
          data: { attempts, lastError: error.message, nextAttemptAt: new Date(now.getTime() + delay) },
        });
        summary.retrying++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, deliveries.length) }, worker));
  return summary;
}

type Delivery = {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  endpoint: { url: string; secretEncrypted: string | null; enabled: boolean };
};

async function send(
  d: Delivery,
  doFetch: typeof fetch,
  timeoutMs: number,
): Promise<{ message: string; permanent?: boolean } | null> {
  if (!d.endpoint.enabled) return { message: "endpoint disabled", permanent: true };
  let secret: string | null = null;
  if (d.endpoint.secretEncrypted) {
    try {
      secret = decryptSecret(d.endpoint.secretEncrypted);
    } catch (e) {
      return { message: `secret can't be decrypted: ${(e as Error).message}`, permanent: true };
    }
  }
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Switchyard-Notifications/1",
    "x-switchyard-event": d.event,
    "x-switchyard-delivery": d.id,
    "x-switchyard-timestamp": String(timestamp),
  };
  if (secret) headers["x-switchyard-signature"] = signNotification(secret, timestamp, body);
  try {
    const res = await doFetch(d.endpoint.url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return null;
    // 4xx other than 408/429 won't get better by retrying the same body.
    const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    return { message: `HTTP ${res.status}`, permanent };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    if (err.name === "TimeoutError") return { message: `no answer within ${timeoutMs} ms` };
    const cause = err.cause;
    return { message: cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? err.message };
  }
}
