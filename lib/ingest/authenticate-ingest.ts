import "server-only";
import crypto from "node:crypto";
import { getApiContext } from "@/lib/context";
import { ServiceError, UnauthorizedError } from "@/lib/errors";
import { requirePermission, systemContext, type ServiceContext } from "@/lib/permissions";
import { ingestLimitsFromEnv, TokenBuckets } from "./token-bucket";

const buckets = new TokenBuckets(ingestLimitsFromEnv());
/** Every request costs at least this many events, so a flood of tiny requests is throttled too. */
const MIN_COST = 20;

/**
 * Who may ingest: the routers' shared token (SWITCHYARD_ROUTER_TOKEN, compared in constant time)
 * or an API token / session with metrics.ingest. Returns the throttle key with the context.
 */
export async function authenticateIngest(request: Request): Promise<{ ctx: ServiceContext; key: string }> {
  const routerToken = process.env.SWITCHYARD_ROUTER_TOKEN;
  const auth = request.headers.get("authorization") ?? "";
  const bearer = /^bearer (.+)$/i.exec(auth)?.[1];
  if (routerToken && bearer && safeEqual(bearer, routerToken))
    return { ctx: systemContext("router-ingest"), key: "router-token" };
  if (!bearer && !request.headers.get("cookie"))
    throw new UnauthorizedError("Send a bearer token: the router token or an API token with metrics.ingest.");
  const ctx = await getApiContext(request);
  requirePermission(ctx, "metrics.ingest");
  return { ctx, key: ctx.actor.type === "system" ? ctx.actor.job : ctx.actor.id };
}

/** Throws a 429 ServiceError (with the seconds to wait) when `key` is over its rate. */
export function throttleIngest(key: string, events: number): void {
  const wait = buckets.take(key, Math.max(MIN_COST, events));
  if (wait > 0) throw new ThrottledError(wait);
}

export class ThrottledError extends ServiceError {
  constructor(readonly retryAfterSeconds: number) {
    super("too_many_requests", `Ingest rate exceeded: retry in ${retryAfterSeconds} s.`);
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}
