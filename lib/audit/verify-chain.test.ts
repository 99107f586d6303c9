import { describe, expect, it } from "vitest";
import { auditHash, auditPayloadText, GENESIS_HASH, jsonbText, type AuditEventContent } from "./audit-hash";
import { auditHashSql, auditPayloadSql } from "./audit-sql";

// The JS twin of the SQL hash (used for bulk loads) must render exactly what Postgres renders for
// jsonb_build_object(...)::text; audit-hash.int.test.ts compares against Postgres itself.
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

describe("audit hash", () => {
  it("orders keys as jsonb does: by length, then bytes", () => {
    expect(jsonbText({ bb: 1, a: 2, ab: [1, "x"], c: { zz: null, y: true } })).toBe(
      '{"a": 2, "c": {"y": true, "zz": null}, "ab": [1, "x"], "bb": 1}',
    );
  });

  it("renders the event's payload with its ten keys in jsonb order", () => {
    expect(auditPayloadText(base)).toBe(
      '{"at": "2026-11-23T10:00:00.123Z", "meta": null, "after": null, "action": "rollout.promote", "before": null, "actorId": "cmuser1", "entityId": "cmrollout1", "actorType": "user", "actorLabel": "Rick Release <release@switchyard.local>", "entityType": "rollout"}',
    );
  });

  it("chains: the hash depends on the previous hash and on every field", () => {
    const h = auditHash(GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(h, base)).not.toBe(h);
    for (const change of [
      { action: "rollout.abort" },
      { after: { weights: { challenger: 1000 } } },
      { actorId: null },
      { at: "2026-11-23T10:00:00.124Z" },
    ]) {
      expect(auditHash(GENESIS_HASH, { ...base, ...change })).not.toBe(h);
    }
  });

  it("one SQL definition names every column the payload covers", () => {
    for (const col of [
      "action",
      "actor_id",
      "actor_label",
      "actor_type",
      "after",
      "at",
      "before",
      "entity_id",
      "entity_type",
      "meta",
    ])
      expect(auditPayloadSql("e")).toContain(`e.${col}`);
    expect(auditHashSql("e")).toContain("e.prev_hash");
  });
});
