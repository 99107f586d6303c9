import "server-only";
import crypto from "node:crypto";
import { getApiContext } from "../context";
import type { ServiceContext } from "../permissions";
import { problemFromError } from "./problem";

type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (args: {
  request: Request;
  ctx: ServiceContext;
  params: P;
}) => Promise<Response | unknown>;

/**
 * Route handler glue for /api/v1: authenticate (bearer token or session), run, and turn errors
 * into problem+json. Authorization stays in the verb each handler calls.
 */
export function apiRoute<P extends Params = Params>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
    try {
      const ctx = await getApiContext(request);
      const result = await handler({ request, ctx: { ...ctx, requestId }, params: await context.params });
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return problemFromError(error, requestId);
    }
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(
    JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    {
      status,
      headers: { "content-type": "application/json" },
    },
  );
}
