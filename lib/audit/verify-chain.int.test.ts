import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { systemContext, type ServiceContext } from "../permissions";
import { writeAuditEvent } from "./write-audit-event";
import { auditHeadHash, pgChainQuery, verifyChain, withChainQuery } from "./verify-chain";

vi.mock("server-only", () => ({}));

// The chain is written by the real writer, then tampered with the way a superuser could (the
// append-only trigger disabled for one statement): each kind of tampering is found and named.
let t: TestDatabase;
let client: pg.Client;
const ctx = systemContext("test");
const auditor: ServiceContext = {
  actor: { type: "user", id: "u-auditor", role: "auditor", label: "Aud Auditor <auditor@x>" },
  requestId: "r1",
};
const viewer: ServiceContext = {
  actor: { type: "user", id: "u-viewer", role: "viewer", label: "Val Viewer <viewer@x>" },
  requestId: "r2",
};

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
  for (let i = 1; i <= 30; i++) {
    await t.db.$transaction((tx) =>
      writeAuditEvent(tx, ctx, {
        action: "rollout.set_weight",
        entityType: "rollout",
        entityId: `r${i % 3}`,
        before: { weight: i * 10, "10": "x", "9": "y" },
        after: { weight: i * 10 + 10, note: `step ${i} — “quoted” 🚀` },
      }),
    );
  }
});
afterAll(async () => {
  await client?.end();
  await t?.drop();
});

async function asSuperuser(sql: string, params: unknown[] = []) {
  await client.query("BEGIN");
  await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
  await client.query(sql, params);
  await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
  await client.query("COMMIT");
}

describe("audit chain verification", () => {
  it("verifies an intact chain on its own pool and on a given connection", async () => {
    const head = await t.db.auditEvent.findFirst({ orderBy: { id: "desc" } });
    for (const r of [await withChainQuery(verifyChain), await verifyChain(pgChainQuery(client))]) {
      expect(r).toMatchObject({ ok: true, checked: 30, headHash: head!.hash, headId: "30", problems: [] });
      expect(r.firstBadId).toBeUndefined();
    }
  });

  it("an id gap left by a rolled-back transaction is not a problem", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await writeAuditEvent(tx, ctx, { action: "rollout.abort", entityType: "rollout", entityId: "r1" });
        throw new Error("the change failed, so its audit event rolls back too");
      }),
    ).rejects.toThrow();
    await t.db.$transaction((tx) =>
      writeAuditEvent(tx, ctx, { action: "rollout.pause", entityType: "rollout", entityId: "r1" }),
    );
    const r = await verifyChain(pgChainQuery(client), { pageSize: 5 });
    expect(r).toMatchObject({ ok: true, checked: 31, headId: "32" });
  });

  it("the database refuses UPDATE and DELETE without a superuser disabling the trigger", async () => {
    await expect(client.query(`UPDATE audit_events SET action = 'x' WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_events WHERE id = 1`)).rejects.toThrow(/append-only/);
  });

  it("verifyAuditChain checks audit.verify, records its result, and the API lists it", async () => {
    const { verifyAuditChain } = await import("./verify-audit-chain");
    const { listAuditVerifications } = await import("./verification-queries");
    await expect(verifyAuditChain({ ctx: viewer })).rejects.toThrow(/audit.verify/);
    const r = await verifyAuditChain({ ctx: auditor });
    expect(r).toMatchObject({ ok: true, checked: 31 });
    const event = await t.db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(r.eventId) } });
    expect(event).toMatchObject({ action: "audit.verify", actorLabel: auditor.actor.label, prevHash: r.headHash });
    expect(event.after).toMatchObject({ ok: true, checked: 31, headHash: r.headHash });
    const [last] = await listAuditVerifications(auditor);
    expect(last).toMatchObject({ eventId: r.eventId, ok: true, checked: 31 });
  });

  it("names a row whose content was changed", async () => {
    await asSuperuser(`UPDATE audit_events SET after = jsonb_set(after, '{weight}', '9999') WHERE id = 10`);
    const r = await verifyChain(pgChainQuery(client), { pageSize: 4 });
    expect(r).toMatchObject({ ok: false, firstBadId: "10", problem: "hash mismatch: row 10 was changed" });
    expect(r.problems).toHaveLength(1);
    expect(r.checked).toBe(32);
  });

  it("names a row rewritten with a recomputed hash: the next row's link breaks", async () => {
    const row = (await client.query(`SELECT hash FROM audit_events WHERE id = 20`)).rows[0];
    await asSuperuser(`UPDATE audit_events SET action = 'rollout.promote', hash = $1 WHERE id = 20`, ["f".repeat(64)]);
    const r = await verifyChain(pgChainQuery(client));
    expect(r.problems.map((p) => p.message)).toEqual([
      "hash mismatch: row 10 was changed",
      "hash mismatch: row 20 was changed",
      "chain broken before row 21: prevHash doesn't match",
    ]);
    expect(row.hash).not.toBe("f".repeat(64));
  });

  it("the audit.verify verb and the export's chain head read the chain the same one way", async () => {
    const { verifyAuditChain } = await import("./verify-audit-chain");
    const { renderRecordsExport } = await import("../records/render-export");
    const r = await verifyAuditChain({ ctx: auditor });
    expect(r).toMatchObject({ ok: false, firstBadId: "10" });
    expect(r.problems.map((p) => p.id)).toEqual(["10", "20", "21"]);
    const exported = await renderRecordsExport(t.db, { format: "json" });
    expect(exported.auditHead).toBe(await auditHeadHash(pgChainQuery(client)));
    const body = JSON.parse(Buffer.concat(exported.chunks).toString());
    expect(body.export.auditHead).toBe(exported.auditHead);
  });

  it("finds deleted rows as a gap", async () => {
    await asSuperuser(`DELETE FROM audit_events WHERE id IN (25, 26)`);
    const r = await verifyChain(pgChainQuery(client), { pageSize: 3 });
    expect(r.problems.map((p) => p.message)).toContain("gap: rows missing between 24 and 27");
    expect(r.problems.find((p) => p.kind === "gap")?.id).toBe("27");
  });

  it("finds a deleted first row", async () => {
    await asSuperuser(`DELETE FROM audit_events WHERE id = 1`);
    const r = await verifyChain(pgChainQuery(client));
    expect(r.firstBadId).toBe("2");
    expect(r.problem).toBe("gap: rows missing before row 2");
  });
});
