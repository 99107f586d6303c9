import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import type { ServiceContext } from "../permissions";
import { syncDeploymentRecord } from "./sync-deployment-record";
import { renderRecordsExport } from "./render-export";
import { recordDigest } from "./record-content";
import { createRolloutFixture } from "./testing/rollout-fixture";

vi.mock("server-only", () => ({}));

let t: TestDatabase;
const auditor: ServiceContext = {
  actor: { type: "user", id: "u-a", role: "auditor", label: "Aud <a@x>" },
  requestId: "r",
};
const viewer: ServiceContext = {
  actor: { type: "user", id: "u-v", role: "viewer", label: "Val <v@x>" },
  requestId: "r",
};
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  for (const slug of ["exp-a", "exp-a", "exp-b"]) {
    const f = await createRolloutFixture(t.db, { slug });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
  }
  const done = await t.db.rollout.findFirstOrThrow({ where: { system: { slug: "exp-b" } } });
  await t.db.rollout.update({ where: { id: done.id }, data: { status: "completed", endedAt: new Date() } });
  await t.db.$transaction((tx) => syncDeploymentRecord(tx, done.id));
});
afterAll(async () => t?.drop());

describe("records export", () => {
  it("JSON carries each record's digest and audit hash, and the body digest is sha256 of the body", async () => {
    const out = await renderRecordsExport(t.db, { format: "json" });
    const body = Buffer.concat(out.chunks);
    expect(out.digest).toBe(sha(body));
    const doc = JSON.parse(body.toString());
    expect(doc.export.auditHead).toBe(out.auditHead);
    expect(doc.count).toBe(3);
    const frozen = doc.records.find((r: { outcome: string }) => r.outcome === "completed");
    expect(frozen.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(frozen.contentDigest).toBe(frozen.digest);
    expect(frozen.auditHash).toMatch(/^[0-9a-f]{64}$/);
    const { contentDigest: _c, digest: _d, id: _i, ...rest } = frozen;
    expect(recordDigest({ ...rest, rolloutName: rest.rolloutName })).toBe(frozen.digest);
  });

  it("filters by system and outcome; CSV has a header and one row per record", async () => {
    const out = await renderRecordsExport(t.db, { format: "csv", system: "exp-a" });
    const rows = parseCsv(Buffer.concat(out.chunks).toString());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      strategy: "canary",
      outcome: "in_progress",
      rollback_used: "no",
      stages: "internal 0 % → 1 % → 10 % → 50 % → 100 %",
    });
    expect(rows[0]!.error_rate_by_stage).toContain("challenger 2.00 %");
    const done = await renderRecordsExport(t.db, { format: "ndjson", outcome: "completed" });
    const lines = Buffer.concat(done.chunks)
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["export", "record"]);
    const none = await renderRecordsExport(t.db, { format: "csv", from: "2001-01-01", to: "2001-01-31" });
    expect(Buffer.concat(none.chunks).toString().split("\n")[0]).toMatch(/^number,system,rollout/);
  });

  it("PDF is a real PDF with the record's sections", async () => {
    const out = await renderRecordsExport(t.db, { format: "pdf" });
    const body = Buffer.concat(out.chunks);
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(out.count).toBe(3);
    expect(body.length).toBeGreaterThan(3_000);
  });

  it("only admin and auditor export; the export is audited with its digest", async () => {
    const { exportDeploymentRecords } = await import("./export-records");
    await expect(exportDeploymentRecords({ ctx: viewer, input: { format: "csv" } })).rejects.toThrow(/records.export/);
    const out = await exportDeploymentRecords({ ctx: auditor, input: { format: "csv" } });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "deployment_record.export" },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({ digest: out.digest, auditHead: out.auditHead, count: 3, format: "csv" });
  });

  it("CSV neutralises spreadsheet formulas (=, +, -, @, tab, CR); JSON keeps the exact text", async () => {
    const hostile = {
      name: '=HYPERLINK("http://evil.example/","click")',
      description: "+cmd|' /C calc'!A0",
      statusReason: "ignored",
    };
    const f = await createRolloutFixture(t.db, { slug: "exp-formula", name: "formula" });
    await t.db.rollout.update({
      where: { id: f.rolloutId },
      data: { name: hostile.name, description: hostile.description },
    });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
    const csv = parseCsv(
      Buffer.concat((await renderRecordsExport(t.db, { format: "csv", system: "exp-formula" })).chunks).toString(),
    );
    expect(csv).toHaveLength(1);
    expect(csv[0]!.rollout).toBe(`'${hostile.name}`);
    expect(csv[0]!.notes).toBe(`'${hostile.description}`);
    for (const cell of ["-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=1+1"]) {
      await t.db.rollout.update({ where: { id: f.rolloutId }, data: { description: cell } });
      await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
      const [row] = parseCsv(
        Buffer.concat((await renderRecordsExport(t.db, { format: "csv", system: "exp-formula" })).chunks).toString(),
      );
      expect(row!.notes, JSON.stringify(cell)).toBe(`'${cell}`);
    }
    const json = JSON.parse(
      Buffer.concat((await renderRecordsExport(t.db, { format: "json", system: "exp-formula" })).chunks).toString(),
    );
    expect(json.records[0].rolloutName).toBe(hostile.name);
    expect(json.records[0].notes).toBe("=1+1");
  });
});

/** RFC 4180 enough for these rows: quoted fields with "" escapes, header row as keys. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === "\n") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else field += c;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, k) => [h, r[k] ?? ""])));
}
