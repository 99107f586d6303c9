// Verifies the audit chain end to end: every row's hash is recomputed from its content and the
// hash before it, by Postgres in one read-only pass (the writer's own SQL definition), so no
// JavaScript canonicalisation can drift from what was written. This is the only verification path:
// the audit.verify verb, the API, record exports (their chain head), tests and the benchmark all
// read through withChainQuery / pgChainQuery. No "server-only".
import pg from "pg";
import { GENESIS_HASH } from "./audit-hash";
import { auditHashSql } from "./audit-sql";

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
  /** Kept for callers of the paged verifier; the SQL verifier reads in one pass per range. */
  pageSize?: number;
  /** Id ranges verified concurrently (one Postgres backend each; needs a pool). Default 2. */
  parallelism?: number;
  /** Also check that every frozen deployment record's auditHash is a hash in the chain. */
  checkRecordAnchors?: boolean;
}

/** Runs one SQL statement with positional parameters and returns rows as arrays of columns. */
export type ChainQuery = (sql: string, params: unknown[]) => Promise<unknown[][]>;

const MAX_PROBLEMS = 20;

/** A node-postgres client or pool as a ChainQuery (array rows: the fastest path). */
export function pgChainQuery(client: {
  query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<{ rows: unknown[][] }>;
}): ChainQuery {
  return async (text, values) => (await client.query({ text, values, rowMode: "array" })).rows;
}

/**
 * The one way the chain is read, for verification and for the head that exports carry: node-postgres
 * on a small pool of its own (DATABASE_URL unless told), outside any transaction, so a long
 * verification holds no lock a writer needs. Two connections: id ranges verify concurrently.
 */
export async function withChainQuery<T>(
  run: (query: ChainQuery) => Promise<T>,
  url = process.env.DATABASE_URL,
): Promise<T> {
  if (!url) throw new Error("DATABASE_URL is not set: the audit chain is read over its own connection");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await run(pgChainQuery(pool));
  } finally {
    await pool.end().catch(() => {});
  }
}

/**
 * Recomputes hash = sha256(prevHash + "\n" + payload) for every row up to the head seen at the
 * start, in Postgres (the definition the writer used, lib/audit/audit-sql.ts), and checks each
 * row links to the stored hash of the row before it. Names the first bad rows: "hash mismatch:
 * row N was changed", "chain broken before row N: prevHash doesn't match", or "gap: rows missing
 * between N and M". Id gaps whose links still hold are sequence values of rolled-back
 * transactions, not problems. One read-only pass; a million events take a few seconds.
 */
export async function verifyChain(query: ChainQuery, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = performance.now();
  void options.pageSize;
  const anchors = options.checkRecordAnchors === false ? new Map<string, string>() : await recordAnchors(query);
  const head = (await query(`SELECT e.id::text, e.hash FROM audit_events e ORDER BY e.id DESC LIMIT 1`, []))[0] as
    [string, string] | undefined;
  if (!head) {
    return {
      ok: anchors.size === 0,
      checked: 0,
      headHash: GENESIS_HASH,
      headId: null,
      problems: [...anchorProblems(anchors)],
      anchorsChecked: 0,
      durationMs: Math.round(performance.now() - started),
    };
  }
  // Split the ids into ranges verified concurrently (one backend each); links across a range
  // boundary are checked here from each range's first and last rows.
  const minId = (await query(`SELECT min(id)::text FROM audit_events`, []))[0]![0] as string;
  const parts = Math.max(1, Math.min(options.parallelism ?? 2, 8));
  const lo = BigInt(minId) - 1n;
  const hi = BigInt(head[0]);
  const bounds = Array.from({ length: parts + 1 }, (_, k) =>
    k === parts ? hi : lo + ((hi - lo) * BigInt(k)) / BigInt(parts),
  );
  const ranges = await Promise.all(
    bounds.slice(0, -1).map(
      (from, k) =>
        query(
          `WITH c AS (
           SELECT e.id, e.hash, e.prev_hash, ${auditHashSql("e")} = e.hash AS hash_ok,
                  lag(e.hash) OVER w AS prev_stored, lag(e.id) OVER w AS prev_id
           FROM audit_events e WHERE e.id > $1::bigint AND e.id <= $2::bigint WINDOW w AS (ORDER BY e.id))
         SELECT count(*)::text AS checked,
                COALESCE(json_agg(json_build_array(id::text, prev_id::text, hash_ok, prev_stored IS NULL OR prev_hash = prev_stored) ORDER BY id)
                  FILTER (WHERE NOT hash_ok OR (prev_stored IS NOT NULL AND prev_hash <> prev_stored)), '[]'::json)::text AS flagged,
                (array_agg(json_build_array(id::text, prev_hash) ORDER BY id))[1]::text AS first_row,
                (array_agg(json_build_array(id::text, hash) ORDER BY id DESC))[1]::text AS last_row
         FROM c`,
          [from.toString(), bounds[k + 1]!.toString()],
        ) as Promise<[string, string, string | null, string | null][]>,
    ),
  );
  const flagged: [string, string | null, boolean, boolean][] = [];
  let checkedRows = 0;
  let previousLast: [string, string] | null = null;
  for (const [row] of ranges) {
    const [count, flags, firstRow, lastRow] = row!;
    checkedRows += Number(count);
    if (!firstRow || !lastRow) continue;
    const [firstId, firstPrev] = JSON.parse(firstRow) as [string, string];
    const expected = previousLast ? previousLast[1] : GENESIS_HASH;
    const rangeFlags = JSON.parse(flags) as [string, string | null, boolean, boolean][];
    if (firstPrev !== expected) {
      const own = rangeFlags.find((f) => f[0] === firstId);
      if (own) own[3] = false;
      else rangeFlags.unshift([firstId, null, true, false]);
      const entry = rangeFlags.find((f) => f[0] === firstId)!;
      entry[1] = previousLast ? previousLast[0] : null;
    }
    flagged.push(...rangeFlags);
    previousLast = JSON.parse(lastRow) as [string, string];
  }
  const problems: ChainProblem[] = [];
  for (const [id, prevId, hashOk, linkOk] of flagged) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (!linkOk) {
      const missing = prevId === null ? BigInt(id) > 1n : BigInt(id) > BigInt(prevId) + 1n;
      problems.push(
        missing
          ? {
              kind: "gap",
              id,
              message:
                prevId === null
                  ? `gap: rows missing before row ${id}`
                  : `gap: rows missing between ${prevId} and ${id}`,
            }
          : { kind: "broken_link", id, message: `chain broken before row ${id}: prevHash doesn't match` },
      );
    }
    if (!hashOk && problems.length < MAX_PROBLEMS)
      problems.push({ kind: "hash_mismatch", id, message: `hash mismatch: row ${id} was changed` });
  }
  let anchorsChecked = 0;
  if (anchors.size) {
    const found = await query(`SELECT hash FROM audit_events WHERE hash = ANY($1::text[]) AND id <= $2::bigint`, [
      [...anchors.keys()],
      head[0],
    ]);
    for (const [hash] of found) if (anchors.delete(hash as string)) anchorsChecked++;
    problems.push(...anchorProblems(anchors).slice(0, Math.max(0, MAX_PROBLEMS - problems.length)));
  }
  const first = problems[0];
  return {
    ok: problems.length === 0,
    checked: checkedRows,
    headHash: head[1],
    headId: head[0],
    ...(first ? { firstBadId: first.id, problem: first.message } : {}),
    problems,
    anchorsChecked,
    durationMs: Math.round(performance.now() - started),
  };
}

function anchorProblems(anchors: Map<string, string>): ChainProblem[] {
  return [...anchors].map(([hash, record]) => ({
    kind: "anchor_missing" as const,
    id: record,
    message: `record ${record} is tied to audit head ${hash.slice(0, 12)}…, which is not in the chain`,
  }));
}

/** Current chain head (hash of the highest id), or the genesis hash for an empty chain. */
export async function auditHeadHash(query: ChainQuery): Promise<string> {
  const rows = await query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`, []);
  return (rows[0]?.[0] as string | undefined) ?? GENESIS_HASH;
}

async function recordAnchors(query: ChainQuery): Promise<Map<string, string>> {
  const rows = await query(
    `SELECT audit_hash, number FROM deployment_records WHERE frozen_at IS NOT NULL AND audit_hash IS NOT NULL AND audit_hash <> $1`,
    [GENESIS_HASH],
  );
  return new Map(rows.map((r) => [r[0] as string, r[1] as string]));
}
