// problem+json (RFC 9457) responses for /api/v1: { type, title, status, detail, code, requestId, invalidParams? }.
import { ZodError } from "zod";
import { ServiceError, type InvalidParam } from "../errors";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../db/unavailable";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function problem(
  status: number,
  detail: string,
  extra: { code?: string; requestId?: string; invalidParams?: InvalidParam[]; retryAfterSeconds?: number } = {},
): Response {
  return new Response(
    JSON.stringify({
      type: `https://switchyard.dev/problems/${extra.code ?? status}`,
      title: TITLES[status] ?? "Error",
      status,
      detail,
      code: extra.code ?? String(status),
      requestId: extra.requestId,
      ...(extra.invalidParams ? { invalidParams: extra.invalidParams } : {}),
    }),
    {
      status,
      headers: {
        "content-type": "application/problem+json",
        ...(extra.retryAfterSeconds !== undefined ? { "retry-after": String(extra.retryAfterSeconds) } : {}),
      },
    },
  );
}

export function zodInvalidParams(error: ZodError): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: issue.path.length
      ? issue.path.join(".")
      : issue.code === "unrecognized_keys"
        ? (issue as { keys: string[] }).keys.join(",")
        : "(body)",
    reason: issue.message,
  }));
}

export function problemFromError(error: unknown, requestId: string): Response {
  if (error instanceof ZodError) {
    const invalidParams = zodInvalidParams(error);
    return problem(400, `Invalid input: ${invalidParams.map((p) => `${p.name}: ${p.reason}`).join("; ")}`, {
      code: "invalid_input",
      requestId,
      invalidParams,
    });
  }
  if (error instanceof ServiceError)
    return problem(error.status, error.message, {
      code: error.code,
      requestId,
      invalidParams: error.invalidParams,
      retryAfterSeconds: (error as { retryAfterSeconds?: number }).retryAfterSeconds,
    });
  // The database is away (down, restarting): nothing was written; the client may retry.
  if (isDatabaseUnavailable(error))
    return problem(503, DATABASE_UNAVAILABLE_MESSAGE, {
      code: "database_unavailable",
      requestId,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  // A verb that read by an id the client sent and found nothing, or wrote a reference to a row
  // that does not exist: the client's mistake, not the server's (each verb should say so itself;
  // this is the net under it).
  const prismaCode = (error as { name?: unknown; code?: unknown } | null)?.code;
  if ((error as { name?: unknown } | null)?.name === "PrismaClientKnownRequestError") {
    if (prismaCode === "P2025") return problem(404, "Not found.", { code: "not_found", requestId });
    if (prismaCode === "P2003")
      return problem(400, "The request refers to something that does not exist.", { code: "bad_request", requestId });
  }
  console.error(`[${requestId}]`, error);
  return problem(500, "Something went wrong.", { code: "internal", requestId });
}
