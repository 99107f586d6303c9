// Verifies the audit chain end to end: every row's hash is recomputed from its content and the
// hash before it. Shared by web (the audit.verify verb), the API, tests and the benchmark; no
// "server-only". Rows are read in id order by keyset pagination, in large pages, as text (the
// JSON columns are parsed here, timestamps rendered by Postgres as ISO), so one million events
// verify in a few seconds without holding a transaction open.
import crypto from "node:crypto";
import type { PrismaClient, Tx } from "../db/create-client";
import { GENESIS_HASH } from "./audit-hash";

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

/** One audit row as read for verification: columns in SELECT_COLUMNS order, all text. */
type Row = [id: string, at: string, actorType: string, actorId: string | null, actorLabel: string, action: string, entityType: string, entityId: string | null, before: string | null, after: string | null, meta: string | null, prevHash: string, hash: string];

/** Runs one SQL statement with positional parameters and returns rows as arrays of columns. */
export type ChainQuery = (sql: string, params: unknown[]) => Promise<unknown[][]>;

const SELECT_COLUMNS = `id::text, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), actor_type, actor_id, actor_label, action,
  entity_type, entity_id, before::text, after::text, meta::text, prev_hash, hash`;
const MAX_PROBLEMS = 20;

/** A node-postgres client or pool as a ChainQuery (array rows: the fastest path). */
export function pgChainQuery(client: { query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<{ rows: unknown[][] }> }): ChainQuery {
  return async (text, values) => (await client.query({ text, values, rowMode: "array" })).rows;
}

/** A Prisma client or transaction as a ChainQuery. */
export function prismaChainQuery(db: Pick<PrismaClient, "$queryRawUnsafe"> | Pick<Tx, "$queryRawUnsafe">): ChainQuery {
  return async (sql, params) => (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params)).map((r) => Object.values(r));
}

/**
 * Recomputes hash = sha256(prevHash + "\n" + canonical(event)) for every row up to the head seen
 * at the start. Names the first bad row: "hash mismatch: row N was changed", "chain broken
 * before row N: prevHash doesn't match", or "gap: rows missing between N and M". Id gaps whose
 * links still hold are sequence values of rolled-back transactions, not problems. The next page
 * is fetched while the current one is hashed.
 */
export async function verifyChain(query: ChainQuery, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = performance.now();
  const pageSize = Math.floor(options.pageSize ?? 20_000);
  // Anchors first: a record seen frozen here points at a row committed with it, so at or below max.
  const anchors = options.checkRecordAnchors === false ? new Map<string, string>() : await recordAnchors(query);
  const max = ((await query(`SELECT max(id)::text FROM audit_events`, []))[0]?.[0] ?? null) as string | null;
  const problems: ChainProblem[] = [];
  const report = (p: ChainProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
  const page = (after: string) =>
    query(`SELECT ${SELECT_COLUMNS} FROM audit_events WHERE id > $1::bigint AND id <= $2::bigint ORDER BY audit_events.id LIMIT ${pageSize}`, [after, max]) as Promise<Row[]>;
  let prevHash = GENESIS_HASH;
  let prevId: bigint | null = null;
  let checked = 0;
  let anchorsChecked = 0;
  let next = max === null ? null : page("0");
  while (next) {
    const rows = await next;
    if (rows.length === 0) break;
    next = rows.length === pageSize ? page(rows[rows.length - 1]![0]) : null;
    for (const row of rows) {
      const id = BigInt(row[0]);
      if (row[11] !== prevHash) {
        const missing = prevId === null ? id > 1n : id > prevId + 1n;
        report(
          missing
            ? { kind: "gap", id: row[0], message: prevId === null ? `gap: rows missing before row ${row[0]}` : `gap: rows missing between ${prevId} and ${row[0]}` }
            : { kind: "broken_link", id: row[0], message: `chain broken before row ${row[0]}: prevHash doesn't match` },
        );
      }
      if (hashRow(row) !== row[12]) report({ kind: "hash_mismatch", id: row[0], message: `hash mismatch: row ${row[0]} was changed` });
      if (anchors.size && anchors.delete(row[12])) anchorsChecked++;
      // Re-anchor on the stored hash so one bad row is reported once, not as a cascade.
      prevHash = row[12];
      prevId = id;
      checked++;
    }
  }
  for (const [hash, record] of anchors) report({ kind: "anchor_missing", id: record, message: `record ${record} is tied to audit head ${hash.slice(0, 12)}…, which is not in the chain` });
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

/**
 * The hash a row should have, from its stored content and stored prevHash. Builds the same
 * string as canonicalJson() in audit-hash.ts (keys of the top level written in sorted order by
 * hand, JSON columns re-serialised with sorted keys) without its general-purpose copies: this
 * loop runs a million times. lib/audit/verify-chain.test.ts holds the two in agreement.
 */
export function hashRow(row: Row): string {
  const body =
    `{"action":${JSON.stringify(row[5])},"actorId":${str(row[3])},"actorLabel":${JSON.stringify(row[4])},"actorType":${JSON.stringify(row[2])},` +
    `"after":${jsonText(row[9])},"at":${JSON.stringify(row[1])},"before":${jsonText(row[8])},"entityId":${str(row[7])},` +
    `"entityType":${JSON.stringify(row[6])},"meta":${jsonText(row[10])}}`;
  return crypto.hash("sha256", row[11] + "\n" + body, "hex");
}

function str(v: string | null): string {
  return v === null ? "null" : JSON.stringify(v);
}

function jsonText(text: string | null): string {
  return text === null ? "null" : canonical(JSON.parse(text));
}

/** canonicalJson() for values fresh from JSON.parse: same key order as JSON.stringify gives an
 * object whose keys were inserted sorted (array-index keys first, ascending, then the rest). */
function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i ? "," : "") + canonical(v[i]);
    return out + "]";
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let n = 0;
  while (n < keys.length && isArrayIndex(keys[n]!)) n++;
  const ordered = n === 0 ? keys.sort() : keys.slice(0, n).concat(keys.slice(n).sort());
  let out = "{";
  for (let i = 0; i < ordered.length; i++) out += (i ? "," : "") + quotedKey(ordered[i]!) + ":" + canonical(o[ordered[i]!]);
  return out + "}";
}

function isArrayIndex(k: string): boolean {
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  return /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4_294_967_295;
}

/** Keys repeat across a million rows; quoting each once is measurably faster. */
const QUOTED = new Map<string, string>();
function quotedKey(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (QUOTED.size < 10_000) QUOTED.set(k, q);
  }
  return q;
}

/** Current chain head (hash of the highest id), or the genesis hash for an empty chain. */
export async function auditHeadHash(query: ChainQuery): Promise<string> {
  const rows = await query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`, []);
  return (rows[0]?.[0] as string | undefined) ?? GENESIS_HASH;
}

async function recordAnchors(query: ChainQuery): Promise<Map<string, string>> {
  const rows = await query(`SELECT audit_hash, number FROM deployment_records WHERE frozen_at IS NOT NULL AND audit_hash IS NOT NULL AND audit_hash <> $1`, [GENESIS_HASH]);
  return new Map(rows.map((r) => [r[0] as string, r[1] as string]));
}
