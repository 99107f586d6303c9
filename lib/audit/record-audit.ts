import "server-only";
import type { Tx } from "../db/create-client";
import type { ServiceContext } from "../permissions";
import { writeAuditEvent, type AuditInput } from "./write-audit-event";

/**
 * Appends an audit event inside the caller's transaction: if the audit write fails, the change
 * rolls back with it. Action names are `entity.verb`.
 */
export function recordAudit(tx: Tx, ctx: ServiceContext, input: AuditInput) {
  return writeAuditEvent(tx, ctx, input);
}
