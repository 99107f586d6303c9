import { describe, expect, it } from "vitest";
import { auditHash, GENESIS_HASH, type AuditEventContent } from "./audit-hash";
import { hashRow } from "./verify-chain";

// hashRow() re-serialises rows read back from Postgres by hand for speed; it must agree with the
// writer's auditHash() on every shape of content, including what JSONB does to key order.
function storedRow(id: number, prevHash: string, e: AuditEventContent) {
  // Postgres JSONB hands keys back reordered (by length, then bytes) with spaces: mimic that.
  const jsonb = (v: unknown) => (v === null ? null : reorderLikeJsonb(v));
  return [String(id), e.at as string, e.actorType, e.actorId, e.actorLabel, e.action, e.entityType, e.entityId, jsonb(e.before), jsonb(e.after), jsonb(e.meta), prevHash, ""] as Parameters<typeof hashRow>[0];
}

function reorderLikeJsonb(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(reorderLikeJsonb).join(", ")}]`;
  const keys = Object.keys(v).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${reorderLikeJsonb((v as Record<string, unknown>)[k])}`).join(", ")}}`;
}

const base: AuditEventContent = {
  at: "2026-11-23T10:00:00.123Z",
  actorType: "user",
  actorId: "cmuser1",
  actorLabel: "Rick Release <release@switchyard.local>",
  action: "rollout.promote",
  entityType: "rollout",
  entityId: "cmrollout1",
  before: null,
  after: null,
  meta: null,
};

const CASES: [string, Partial<AuditEventContent>][] = [
  ["nulls everywhere", { actorId: null, entityId: null }],
  ["nested objects and arrays", { before: { status: "progressing", weights: { challenger: 1000, champion: 9000 } }, after: { steps: [{ kind: "pause", durationSeconds: 60 }, { kind: "set_weight", weight: 5000 }] } }],
  ["integer-like keys sort numerically", { after: { "10": "ten", "9": "nine", b: 1, a: 2, "01": "not an index" } }],
  ["unicode, quotes and escapes", { actorLabel: "Zoë \"Z\" Ünal", meta: { requestId: "r-1", note: "line\nbreak \u2028 tab\t emoji 🚀 \\ backslash" } }],
  ["numbers", { after: { int: 42, neg: -3, float: 0.1, big: 12345678901234, exp: 1e21, zero: 0 } }],
  ["booleans and empty containers", { after: { on: true, off: false, none: null, list: [], obj: {} } }],
];

describe("hashRow agrees with the writer's auditHash", () => {
  for (const [name, patch] of CASES) {
    it(name, () => {
      const e = { ...base, ...patch };
      const prev = name.length % 2 ? GENESIS_HASH : "ab".repeat(32);
      expect(hashRow(storedRow(7, prev, e))).toBe(auditHash(prev, e));
    });
  }

  it("changes when any field changes", () => {
    const h = hashRow(storedRow(1, GENESIS_HASH, base));
    expect(hashRow(storedRow(1, GENESIS_HASH, { ...base, action: "rollout.abort" }))).not.toBe(h);
    expect(hashRow(storedRow(1, "f".repeat(64), base))).not.toBe(h);
  });
});
