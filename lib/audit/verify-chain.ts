// Verifies the audit chain end to end: every row's hash is recomputed from its content and the
// hash before it. Shared by web (the audit.verify verb), the API, tests and the benchmark; no
// "server-only". Rows are read in id order by keyset pagination, in large pages, as text (the
// JSON columns are parsed here, timestamps rendered by Postgres as ISO), so one million events
// verify in a few seconds without holding a transaction open.
import crypto from "node:crypto";
import type { PrismaClient, Tx } from "../db/create-client";
import { GENESIS_HASH } from "./audit-hash";
import { canonicalJson } from "./canonical-json";

export type ChainProblemKind = "hash_mismatch" | "broken_link" | "gap" | "anchor_missing";

export interface ChainProblem {
  kind: ChainProblemKind;
  /** The first row the problem shows at (for a gap: the row after the missing ones). */
  id: string;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** Hash of the last row checked (the chain head when verification started). */
  headHash: string;
  headId: string | null;
  firstBadId?: string;
  problem?: string;
  /** Up to MAX_PROBLEMS problems, first one first; verification re-anchors and goes on after each. */
  problems: ChainProblem[];
  /** Frozen deployment records whose audit head was found in the chain. */
  anchorsChecked: number;
  durationMs: number;
}

export interface VerifyOptions {
  pageSize?: number;
  /** Also check that every frozen deployment record's auditHash is a hash in the chain. */
  checkRecordAnchors?: boolean;
}

interface Row {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  meta: string | null;
  prev_hash: string;
  hash: string;
}

const MAX_PROBLEMS = 20;
type Db = Pick<PrismaClient, "$queryRawUnsafe"> | Pick<Tx, "$queryRawUnsafe">;

/**
 * Recomputes hash = sha256(prevHash + "\n" + canonical(event)) for every row up to the head seen
 * at the start. Names the first bad row: "hash mismatch: row N was changed", "chain broken
 * before row N: prevHash doesn't match", or "gap: rows missing between N and M". Id gaps whose
 * links still hold are sequence values of rolled-back transactions, not problems.
 */
export async function verifyChain(db: Db, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = performance.now();
  const pageSize = options.pageSize ?? 20_000;
  // Anchors first: a record seen frozen here points at a row committed with it, so at or below max.
  const anchors = options.checkRecordAnchors === false ? new Map<string, string>() : await recordAnchors(db);
  const [{ max }] = await db.$queryRawUnsafe<{ max: string | null }[]>(`SELECT max(id)::text AS max FROM audit_events`);
  const problems: ChainProblem[] = [];
  let prevHash = GENESIS_HASH;
  let prevId: bigint | null = null;
  let checked = 0;
  let after = "0";
  let anchorsChecked = 0;
  while (max !== null) {
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT id::text AS id, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_type, actor_id, actor_label, action,
              entity_type, entity_id, before::text AS before, after::text AS after, meta::text AS meta, prev_hash, hash
       FROM audit_events WHERE id > $1::bigint AND id <= $2::bigint ORDER BY id LIMIT ${Math.floor(pageSize)}`,
      after,
      max,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = BigInt(row.id);
      if (row.prev_hash !== prevHash && problems.length < MAX_PROBLEMS) {
        const missing = prevId === null ? id > 1n : id > prevId + 1n;
        problems.push(
          missing
            ? { kind: "gap", id: row.id, message: prevId === null ? `gap: rows missing before row ${row.id}` : `gap: rows missing between ${prevId} and ${row.id}` }
            : { kind: "broken_link", id: row.id, message: `chain broken before row ${row.id}: prevHash doesn't match` },
        );
      }
      const computed = hashRow(row);
      if (computed !== row.hash && problems.length < MAX_PROBLEMS) problems.push({ kind: "hash_mismatch", id: row.id, message: `hash mismatch: row ${row.id} was changed` });
      if (anchors.delete(row.hash)) anchorsChecked++;
      // Re-anchor on the stored hash so one bad row is reported once, not as a cascade.
      prevHash = row.hash;
      prevId = id;
      checked++;
    }
    after = rows[rows.length - 1]!.id;
  }
  for (const [hash, record] of anchors) {
    if (problems.length >= MAX_PROBLEMS) break;
    problems.push({ kind: "anchor_missing", id: record, message: `record ${record} is tied to audit head ${hash.slice(0, 12)}…, which is not in the chain` });
  }
  const first = problems[0];
  return {
    ok: problems.length === 0,
    checked,
    headHash: prevHash,
    headId: prevId?.toString() ?? null,
    ...(first ? { firstBadId: first.id, problem: first.message } : {}),
    problems,
    anchorsChecked,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The hash a row should have, from its stored content and its stored prevHash. */
export function hashRow(row: Row): string {
  const body = canonicalJson({
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    meta: row.meta === null ? null : JSON.parse(row.meta),
  });
  return crypto.createHash("sha256").update(row.prev_hash).update("\n").update(body).digest("hex");
}

/** Current chain head (hash of the highest id), or the genesis hash for an empty chain. */
export async function auditHeadHash(db: Db): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ hash: string }[]>(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`);
  return rows[0]?.hash ?? GENESIS_HASH;
}

async function recordAnchors(db: Db): Promise<Map<string, string>> {
  const rows = await db.$queryRawUnsafe<{ audit_hash: string; number: string }[]>(
    `SELECT audit_hash, number FROM deployment_records WHERE frozen_at IS NOT NULL AND audit_hash IS NOT NULL AND audit_hash <> $1`,
    GENESIS_HASH,
  );
  return new Map(rows.map((r) => [r.audit_hash, r.number]));
}
