// problem+json (RFC 9457) responses for /api/v1: { type, title, status, detail, code, requestId, invalidParams? }.
import { ZodError } from "zod";
import { ServiceError, type InvalidParam } from "../errors";

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
};

export function problem(
  status: number,
  detail: string,
  extra: { code?: string; requestId?: string; invalidParams?: InvalidParam[] } = {},
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
    { status, headers: { "content-type": "application/problem+json" } },
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
    return problem(error.status, error.message, { code: error.code, requestId, invalidParams: error.invalidParams });
  console.error(`[${requestId}]`, error);
  return problem(500, "Something went wrong.", { code: "internal", requestId });
}
