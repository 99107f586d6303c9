import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? "x")), props);

describe("isDatabaseUnavailable", () => {
  it("recognises what Prisma, pg and the socket say when the database is away", () => {
    // Seen with Prisma 7 + adapter-pg and PostgreSQL stopped (lib/db/database-away.chaos.test.ts).
    expect(isDatabaseUnavailable(err({ name: "PrismaClientKnownRequestError", code: "P1001" }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        err({
          name: "PrismaClientKnownRequestError",
          code: "P2010",
          message: "Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5432`",
        }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(err({ name: "PrismaClientInitializationError" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "57P01", message: "terminating connection" }))).toBe(true);
    expect(isDatabaseUnavailable(err({ code: "08006" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: err({ code: "ECONNREFUSED" }) }))).toBe(true);
  });

  it("does not take bugs or refused queries for an outage", () => {
    expect(isDatabaseUnavailable(err({ name: "PrismaClientKnownRequestError", code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(err({ code: "23505", message: "duplicate key value" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable("P1001")).toBe(false);
    const loop = err({ message: "a" });
    (loop as { cause?: unknown }).cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
