// Shared by web (through record-audit.ts) and the controller process (no "server-only" there).
import type { Tx } from "../db/create-client";
import type { ServiceContext } from "../permissions";
import { GENESIS_HASH } from "./audit-hash";
import { auditHashSql } from "./audit-sql";
import { toPlainJson } from "./canonical-json";

/** Serialises audit writers so each event chains onto the one before it. */
const AUDIT_CHAIN_LOCK = 4_242_001;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
}

const INSERT = `INSERT INTO audit_events (at, actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after, meta, prev_hash, hash)
SELECT v.at, v.actor_type, v.actor_id, v.actor_label, v.action, v.entity_type, v.entity_id, v.before, v.after, v.meta, v.prev_hash, ${auditHashSql("v")}
FROM (SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC')::timestamp(3) AS at, $1::text AS actor_type, $2::text AS actor_id, $3::text AS actor_label,
             $4::text AS action, $5::text AS entity_type, $6::text AS entity_id, $7::jsonb AS before, $8::jsonb AS after, $9::jsonb AS meta, $10::text AS prev_hash) v
RETURNING id, hash`;

/** Appends one event chained onto the last, in the caller's transaction; Postgres computes the hash. */
export async function writeAuditEvent(
  tx: Tx,
  ctx: ServiceContext,
  input: AuditInput,
): Promise<{ id: bigint; hash: string }> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const actor = ctx.actor;
  const json = (v: unknown) => {
    const plain = toPlainJson(v ?? null);
    return plain === null ? null : JSON.stringify(plain);
  };
  const rows = await tx.$queryRawUnsafe<{ id: bigint; hash: string }[]>(
    INSERT,
    actor.type,
    actor.type === "system" ? null : actor.id,
    actor.label,
    input.action,
    input.entityType,
    input.entityId ?? null,
    json(input.before),
    json(input.after),
    json({ requestId: ctx.requestId, ...(input.meta as object | undefined) }),
    last?.hash ?? GENESIS_HASH,
  );
  return rows[0]!;
}
