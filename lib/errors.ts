// Errors a user may see. Anything that is not a ServiceError is logged and shown as
// "Something went wrong." so that internals (SQL, stack traces) never leak, except that the
// database being away is said as such (it is worth retrying).
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "./db/unavailable";

export type ServiceErrorCode =
  "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "precondition_failed" | "too_many_requests";

const STATUS: Record<ServiceErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_many_requests: 429,
};

export interface InvalidParam {
  name: string;
  reason: string;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(message);
    this.name = "ServiceError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export class BadRequestError extends ServiceError {
  constructor(message: string, invalidParams?: InvalidParam[]) {
    super("bad_request", message, invalidParams);
  }
}
export class UnauthorizedError extends ServiceError {
  constructor(message = "Sign in or send a valid API token.") {
    super("unauthorized", message);
  }
}
export class ForbiddenError extends ServiceError {
  constructor(message = "You don't have permission to do this.") {
    super("forbidden", message);
  }
}
export class NotFoundError extends ServiceError {
  constructor(message = "Not found.", invalidParams?: InvalidParam[]) {
    super("not_found", message, invalidParams);
  }
}
export class ConflictError extends ServiceError {
  constructor(message: string) {
    super("conflict", message);
  }
}
export class PreconditionFailedError extends ServiceError {
  constructor(message: string) {
    super("precondition_failed", message);
  }
}

export function publicMessage(error: unknown): string {
  if (error instanceof ServiceError) return error.message;
  return isDatabaseUnavailable(error) ? DATABASE_UNAVAILABLE_MESSAGE : "Something went wrong.";
}
