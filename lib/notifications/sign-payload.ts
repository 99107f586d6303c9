// Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}`, sent as
// `x-switchyard-signature: sha256=<hex>` with `x-switchyard-timestamp: <unix seconds>`.
import crypto from "node:crypto";

export function signNotification(secret: string, timestamp: number, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** For receivers: constant-time check, refusing timestamps older than `toleranceSeconds`. */
export function verifyNotificationSignature({
  secret,
  headers,
  body,
  nowMs = Date.now(),
  toleranceSeconds = 300,
}: {
  secret: string;
  headers: { signature: string | null; timestamp: string | null };
  /** The raw body, before parsing. */
  body: string;
  nowMs?: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signNotification(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
