// Signing for webhook routers: HMAC-SHA256 with the router's secret over `${timestamp}.${body}`,
// sent as `x-switchyard-signature: sha256=<hex>` with `x-switchyard-timestamp` (unix seconds).
// Receivers call verifyWebhookSignature() on the raw body before parsing it.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-switchyard-signature";
export const TIMESTAMP_HEADER = "x-switchyard-timestamp";
export const DELIVERY_HEADER = "x-switchyard-delivery";

export function signWebhookBody(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * True when `signature` is the HMAC of `${timestamp}.${body}` and the timestamp is within
 * `toleranceSeconds` of now (replay window). Constant-time comparison.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  body: string | Buffer;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): boolean {
  const { secret, signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(secret, timestamp, input.body.toString()));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
