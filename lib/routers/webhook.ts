// Webhook adapter: POSTs the desired config as signed JSON to the router's endpoint and reads
// back {version, weights} from settings.readBackUrl. 5xx, 408, 429 and network errors/timeouts
// are retried with exponential backoff and jitter (bounded attempts); other 4xx are final.
import { randomUUID } from "node:crypto";
import { request } from "undici";
import { z } from "zod";
import {
  RouterError,
  type AppliedState,
  type RouterAdapter,
  type RouterHealthReport,
  type RouterTarget,
  type RoutingConfig,
} from "@/lib/routers/types";
import { effectiveWeights } from "./k8s/routing-model";
import { parseSettings } from "./k8s/settings";
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody } from "./webhook-signature";

export { verifyWebhookSignature } from "./webhook-signature";

export const webhookSettingsSchema = z.object({
  /** GET returning { version, weights } for read-back. */
  readBackUrl: z.url().optional(),
  /** GET for health; default readBackUrl, else the endpoint. */
  healthUrl: z.url().optional(),
  timeoutMs: z.number().int().positive().default(5_000),
  maxAttempts: z.number().int().min(1).max(10).default(4),
  baseDelayMs: z.number().int().min(0).default(200),
  maxDelayMs: z.number().int().min(0).default(5_000),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

const appliedSchema = z.object({ version: z.number().int().nullable(), weights: z.record(z.string(), z.number()) });

/** The JSON body a webhook router receives. Weights already reflect the kill switch. */
export function webhookPayload(config: RoutingConfig) {
  return {
    version: config.version,
    epoch: config.epoch,
    system: config.system,
    rolloutId: config.rolloutId,
    weights: effectiveWeights(config),
    variants: config.variants,
    rules: config.killSwitch ? [] : config.rules,
    mirror: config.killSwitch ? null : config.mirror,
    killSwitch: config.killSwitch,
    overrideHeader: config.overrideHeader,
    stickiness: config.stickiness,
    salt: config.salt,
  };
}

export function createWebhookAdapter(
  target: RouterTarget,
  deps: { sleep?: (ms: number) => Promise<void>; random?: () => number } = {},
): RouterAdapter {
  const s = parseSettings(webhookSettingsSchema, target.settings, "webhook");
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const secret = target.secret;

  async function send(method: "GET" | "POST", url: string, body = "", delivery = randomUUID()) {
    if (!secret) throw new RouterError("webhook router has no secret to sign with", "invalid_config");
    const ts = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      [SIGNATURE_HEADER]: signWebhookBody(secret, ts, body),
      [TIMESTAMP_HEADER]: String(ts),
      [DELIVERY_HEADER]: delivery,
      accept: "application/json",
      ...(method === "POST" ? { "content-type": "application/json" } : {}),
    };
    try {
      const res = await request(url, {
        method,
        headers,
        body: method === "POST" ? body : undefined,
        signal: AbortSignal.timeout(s.timeoutMs),
      });
      return { status: res.statusCode, text: await res.body.text() };
    } catch (e) {
      const err = e as { name?: string; message?: string; code?: string };
      if (err.name === "TimeoutError" || err.name === "AbortError")
        throw new RouterError(`${method} ${url}: timed out`, "timeout");
      throw new RouterError(`${method} ${url}: ${err.message}${err.code ? ` (${err.code})` : ""}`, "unreachable");
    }
  }

  return {
    kind: "webhook",
    async apply(config: RoutingConfig) {
      const body = JSON.stringify(webhookPayload(config));
      const delivery = randomUUID(); // same id on every attempt so the receiver can dedupe
      let last: RouterError | null = null;
      for (let attempt = 1; attempt <= s.maxAttempts; attempt++) {
        if (attempt > 1) {
          const cap = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (attempt - 2));
          await sleep(cap / 2 + random() * (cap / 2)); // "equal jitter"
        }
        try {
          const res = await send("POST", target.endpoint, body, delivery);
          if (res.status >= 200 && res.status < 300) return;
          last = statusError(res.status, res.text);
          if (!last.retryable) throw last;
        } catch (e) {
          if (!(e instanceof RouterError) || !e.retryable || e.code === "invalid_config") throw e;
          last = e;
        }
      }
      throw last ?? new RouterError("webhook apply failed", "unreachable");
    },
    async readBack(): Promise<AppliedState> {
      if (!s.readBackUrl) return { version: null, weights: {} };
      const res = await send("GET", s.readBackUrl);
      if (res.status < 200 || res.status >= 300) throw statusError(res.status, res.text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(res.text);
      } catch {
        throw new RouterError("read-back is not JSON", "mismatch");
      }
      const r = appliedSchema.safeParse(parsed);
      if (!r.success) throw new RouterError("read-back must be {version, weights}", "mismatch");
      return r.data;
    },
    async health(): Promise<RouterHealthReport> {
      const t0 = performance.now();
      try {
        const res = await send("GET", s.healthUrl ?? s.readBackUrl ?? target.endpoint);
        const latencyMs = Math.round(performance.now() - t0);
        if (res.status >= 200 && res.status < 300) return { status: "healthy", latencyMs };
        return { status: res.status >= 500 ? "down" : "degraded", detail: `HTTP ${res.status}`, latencyMs };
      } catch (e) {
        return { status: "down", detail: (e as Error).message, latencyMs: Math.round(performance.now() - t0) };
      }
    },
  };
}

function statusError(status: number, text: string): RouterError {
  const msg = `webhook answered ${status}: ${text.slice(0, 200)}`;
  if (status >= 500 || status === 408 || status === 429)
    return new RouterError(msg, status === 408 ? "timeout" : "unreachable");
  if (status === 401 || status === 403) return new RouterError(msg, "refused", false);
  if (status === 409) return new RouterError(msg, "stale_version", false);
  if (status === 400 || status === 422) return new RouterError(msg, "invalid_config");
  return new RouterError(msg, "refused", false);
}
