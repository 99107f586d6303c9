import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { ServiceContext } from "../permissions";
import { problemFromError } from "../api/problem";
import { createSystemSchema } from "../registry/schemas";
import { createRolloutFixture, type RolloutFixture } from "../records/testing/rollout-fixture";
import { openIncidentByPerson } from "./open-incident";

let t: TestDatabase;
let mine: RolloutFixture;
let theirs: RolloutFixture;
let manager: ServiceContext;

beforeAll(async () => {
  t = await createTestDatabase();
  mine = await createRolloutFixture(t.db, { slug: "inc-mine" });
  theirs = await createRolloutFixture(t.db, { slug: "inc-theirs" });
  manager = {
    actor: { type: "user", id: mine.authorId, role: "release_manager", label: "Author" },
    requestId: "r",
  };
});
afterAll(async () => t?.drop());

/** What POST /api/v1/incidents answers for this input: the verb's result or its problem+json. */
async function answer(input: Record<string, unknown>) {
  try {
    await openIncidentByPerson({
      ctx: manager,
      db: t.db,
      input: { title: "Latency up", message: "We are looking into it", ...input } as never,
    });
    return { status: 201, body: {} };
  } catch (error) {
    const res = problemFromError(error, "r");
    return { status: res.status, body: (await res.json()) as { invalidParams?: { name: string }[] } };
  }
}

describe("opening an incident with bad references or bad text", () => {
  it("an unknown system is 404 naming systemId, not 500", async () => {
    const res = await answer({ systemId: "no-such-system" });
    expect(res.status).toBe(404);
    expect(res.body.invalidParams?.[0]?.name).toBe("systemId");
  });

  it("an unknown rollout is 404 naming rolloutId", async () => {
    const res = await answer({ systemId: mine.systemId, rolloutId: "no-such-rollout" });
    expect(res.status).toBe(404);
    expect(res.body.invalidParams?.[0]?.name).toBe("rolloutId");
  });

  it("another system's rollout is 400 naming rolloutId, and nothing is written", async () => {
    const res = await answer({ systemId: mine.systemId, rolloutId: theirs.rolloutId });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams?.[0]?.name).toBe("rolloutId");
    expect(await t.db.incident.count()).toBe(0);
  });

  it("a NUL or other control character in text is 400 naming the field, before the database", async () => {
    for (const [field, value] of [
      ["title", "Latency\u0000 up"],
      ["message", "We are\u0007 looking"],
    ] as const) {
      const res = await answer({ systemId: mine.systemId, [field]: value });
      expect(res.status, field).toBe(400);
      expect(res.body.invalidParams?.map((p) => p.name)).toEqual([field]);
    }
    // Line breaks and tabs are text, not control characters to refuse.
    expect((await answer({ systemId: mine.systemId, message: "Line one\n\tLine two" })).status).toBe(201);
  });

  it("its own system's rollout is accepted", async () => {
    expect((await answer({ systemId: mine.systemId, rolloutId: mine.rolloutId })).status).toBe(201);
  });

  it("a system needs at least one approval", () => {
    const parsed = createSystemSchema.safeParse({ slug: "zero", name: "Zero", requiredApprovals: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["requiredApprovals"]);
    expect(createSystemSchema.parse({ slug: "one", name: "One" }).requiredApprovals).toBe(1);
  });
});
