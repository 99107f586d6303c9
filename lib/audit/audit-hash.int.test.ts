// The writer's hash is computed by Postgres; its JS twin (bulk loads, benchmark) must agree with
// it on every shape of content, and the SQL verifier must accept what the writer wrote.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { writeAuditEvent } from "./write-audit-event";
import { auditHash, GENESIS_HASH } from "./audit-hash";
import { verifyChain, withChainQuery } from "./verify-chain";
import { systemContext } from "../permissions";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

it("Postgres and the JS twin compute the same hashes, and the chain verifies", async () => {
  const ctx = systemContext("test");
  const payloads = [
    { after: null },
    { after: { weights: { champion: 9000, challenger: 1000 }, note: 'naïve café ✓ "quoted" back\\slash\nnewline' } },
    {
      after: {
        list: [1, 2.5, -3, true, null, "x"],
        nested: { b: { c: [] }, a: {} },
        "10": "numeric key",
        "2": "another",
      },
    },
    { before: { status: "ready" }, after: { status: "progressing" }, meta: { reason: "tab\tand\u0001control" } },
  ];
  for (const p of payloads) {
    await t.db.$transaction((tx) =>
      writeAuditEvent(tx, ctx, { action: "test.write", entityType: "test", entityId: "e1", ...p }),
    );
  }
  const rows = await t.db.auditEvent.findMany({ orderBy: { id: "asc" } });
  let prev = GENESIS_HASH;
  for (const r of rows) {
    expect(r.prevHash).toBe(prev);
    const js = auditHash(r.prevHash, {
      at: r.at.toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      meta: r.meta,
    });
    expect(js).toBe(r.hash);
    prev = r.hash;
  }
  const v = await withChainQuery(verifyChain, t.url);
  expect(v).toMatchObject({ ok: true, checked: payloads.length, headHash: prev });
});
