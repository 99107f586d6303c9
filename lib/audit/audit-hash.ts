// The audit chain: hash = sha256(prevHash + "\n" + payload), where payload is Postgres's text of
// jsonb_build_object(...) over the event's columns (lib/audit/audit-sql.ts). The writer lets
// Postgres compute it inside the INSERT and the verifier recomputes it in SQL, so both use the
// very same canonical form. This file is its JavaScript twin (for bulk loads and tests); an
// integration test holds the two in agreement.
import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEventContent {
  at: Date | string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
}

/** Postgres's `jsonb::text` of the event, for values that survive a JSONB round trip as-is. */
export function auditPayloadText(e: AuditEventContent): string {
  return jsonbText({
    action: e.action,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    actorType: e.actorType,
    after: e.after ?? null,
    at: typeof e.at === "string" ? e.at : e.at.toISOString(),
    before: e.before ?? null,
    entityId: e.entityId,
    entityType: e.entityType,
    meta: e.meta ?? null,
  });
}

export function auditHash(prevHash: string, e: AuditEventContent): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(auditPayloadText(e)).digest("hex");
}

/** jsonb's text form: keys ordered by length then bytes, ", " and ": " separators. */
export function jsonbText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(", ")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => byteLength(a) - byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(o[k])}`).join(", ")}}`;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s);
}
