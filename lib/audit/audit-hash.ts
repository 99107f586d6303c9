// The audit chain: hash = sha256(prevHash + "\n" + canonical(event)). Pure, shared by the writer
// and the verifier.
import crypto from "node:crypto";
import { canonicalJson } from "./canonical-json";

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

export function auditHash(prevHash: string, e: AuditEventContent): string {
  const body = canonicalJson({
    at: typeof e.at === "string" ? e.at : e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    meta: e.meta ?? null,
  });
  return crypto.createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
