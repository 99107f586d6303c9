import "server-only";
import crypto from "node:crypto";
import { getApiContext } from "../context";
import type { ServiceContext } from "../permissions";
import { BadRequestError, ForbiddenError } from "../errors";
import { FOREIGN_ORIGIN_MESSAGE, foreignOrigin } from "./same-origin";
import { CONTROL_CHARACTER_REASON, controlCharacterPath } from "../validation";
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
      const foreign = foreignOrigin(request.headers, request.method);
      if (foreign) throw new ForbiddenError(FOREIGN_ORIGIN_MESSAGE(foreign));
      const ctx = await getApiContext(request);
      const params = await context.params;
      refuseControlCharacters(params, new URL(request.url).searchParams);
      const result = await handler({ request, ctx: { ...ctx, requestId }, params });
      return result instanceof Response ? result : json(result);
    } catch (error) {
      return problemFromError(error, requestId);
    }
  };
}

/** A path or query parameter with a control character (NUL...) never reaches a verb: 400 naming it. */
function refuseControlCharacters(params: Params, query: URLSearchParams): void {
  const queryValues: Record<string, string[]> = {};
  for (const [key, value] of query) (queryValues[key] ??= []).push(value);
  const path = controlCharacterPath(params) ?? controlCharacterPath(queryValues);
  if (!path) return;
  const name = String(path[0]);
  throw new BadRequestError(`${name}: ${CONTROL_CHARACTER_REASON}`, [{ name, reason: CONTROL_CHARACTER_REASON }]);
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
