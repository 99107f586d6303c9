import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, BadRequestError } from "../errors";
import { problem, problemFromError, zodInvalidParams } from "./problem";

async function body(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return response.json();
}

afterEach(() => vi.restoreAllMocks());

describe("problem", () => {
  it("is RFC 9457 problem+json with our code and the request id", async () => {
    const r = problem(409, "Someone else changed it a moment ago.", { code: "conflict", requestId: "req-1" });
    expect(r.status).toBe(409);
    expect(await body(r)).toEqual({
      type: "https://switchyard.dev/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "Someone else changed it a moment ago.",
      code: "conflict",
      requestId: "req-1",
    });
  });

  it("adds Retry-After when asked, and a generic title for unusual statuses", async () => {
    const r = problem(418, "No.", { retryAfterSeconds: 3 });
    expect(r.headers.get("retry-after")).toBe("3");
    expect(await body(r)).toMatchObject({ title: "Error", code: "418" });
  });
});

describe("zodInvalidParams", () => {
  it("names each bad field by its path, unknown keys by name, and the body itself otherwise", () => {
    const schema = z.object({ name: z.string(), steps: z.array(z.object({ weight: z.number() })) }).strict();
    const nested = schema.safeParse({ name: 1, steps: [{ weight: "x" }] });
    expect(nested.success).toBe(false);
    expect(zodInvalidParams(nested.error!).map((p) => p.name)).toEqual(["name", "steps.0.weight"]);
    const unknown = schema.safeParse({ name: "a", steps: [], colour: "red", size: 2 });
    expect(zodInvalidParams(unknown.error!)).toEqual([{ name: "colour,size", reason: expect.any(String) }]);
    const notObject = schema.safeParse("text");
    expect(zodInvalidParams(notObject.error!)[0].name).toBe("(body)");
  });
});

describe("problemFromError", () => {
  it("turns a validation error into 400 naming every field", async () => {
    const error = z.object({ reason: z.string().min(10, "Say why") }).safeParse({ reason: "no" }).error!;
    const r = problemFromError(error, "req-2");
    expect(r.status).toBe(400);
    expect(await body(r)).toMatchObject({
      code: "invalid_input",
      detail: "Invalid input: reason: Say why",
      invalidParams: [{ name: "reason", reason: "Say why" }],
      requestId: "req-2",
    });
  });

  it("maps each service error to its status with its own message", async () => {
    const cases = [
      [new BadRequestError("Bad plan", [{ name: "steps", reason: "weights must climb" }]), 400],
      [new ForbiddenError("Your role can't do this (rollouts.write)."), 403],
      [new NotFoundError("No rollout r9."), 404],
      [new ConflictError("Someone else changed it."), 409],
      [new PreconditionFailedError("Can't promote a rollout that is paused: resume it first"), 412],
    ] as const;
    for (const [error, status] of cases) {
      const r = problemFromError(error, "req-3");
      expect(r.status).toBe(status);
      expect(await body(r)).toMatchObject({ detail: error.message, code: error.code });
    }
    const withParams = await body(problemFromError(cases[0][0], "req-3"));
    expect(withParams.invalidParams).toEqual([{ name: "steps", reason: "weights must climb" }]);
  });

  it("answers 503 with Retry-After while the database is away", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const r = problemFromError(refused, "req-4");
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).not.toBeNull();
    expect(await body(r)).toMatchObject({ code: "database_unavailable" });
  });

  it("never shows an unexpected error's message: 500 'Something went wrong.', logged with the request id", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = problemFromError(new Error('relation "users" violates secret_column xyz'), "req-5");
    expect(r.status).toBe(500);
    const json = await body(r);
    expect(json).toMatchObject({ detail: "Something went wrong.", code: "internal", requestId: "req-5" });
    expect(JSON.stringify(json)).not.toContain("secret_column");
    expect(log).toHaveBeenCalledWith("[req-5]", expect.any(Error));
  });
});
