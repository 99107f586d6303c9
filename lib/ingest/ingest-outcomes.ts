// Stores delayed outcomes (labels, rewards, conversions, complaints, critical errors) and adds
// them into the rollups of the 10 s bucket they happened in, attributed to the rollout and variant
// that served them (attribute-outcomes.ts). Idempotent by event id: the raw
// insert skips known ids and only the rows actually inserted are added. No "server-only": the
// benchmark drives it with its own client.
import type { PrismaClient } from "@/lib/db/create-client";
import type { ArmTotals } from "@/lib/analysis/window";
import { attributeOutcome, loadAttributionContext } from "./attribute-outcomes";
import { rollupUpsertFrom } from "./outcome-rollup-sql";
import type { OutcomeEventInput } from "./schemas";

export interface OutcomeIngestResult {
  accepted: number;
  duplicates: number;
  /** Outcomes of answers served when no rollout was running: valid, but nothing to compare. */
  unattributed: number;
  rejected: { eventId: string; reason: string }[];
}

interface Resolved {
  e: OutcomeEventInput;
  rolloutId: string;
  variant: string;
  segment: string;
  occurredAt: string;
}

// One statement per batch: insert the raw events (skipping known ids), then add only the rows
// actually inserted into their rollups, aggregated per (variant, segment and "*", 10 s bucket).
// Nothing comes back to node but two counts. The events travel as nine array parameters, each a
// PostgreSQL array literal built here by hand (quoting only the rare string with a quote or a
// backslash): node's cost is about that of JSON.stringify, and PostgreSQL's array input is far
// cheaper than json_to_recordset (which lexes every object and builds a hash table of its keys).
// Measured in bench/ingest.ts, with perf on the backend.
const INGEST_SQL = `
WITH ins AS (
  INSERT INTO outcome_events (event_id, rollout_id, variant, segment, kind, value, request_id, unit_key, occurred_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[], $9::timestamp[])
  ON CONFLICT (event_id) DO NOTHING
  RETURNING rollout_id, variant, segment, kind, value, occurred_at
), up AS (
  ${rollupUpsertFrom("ins", "ADD")}
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS accepted, (SELECT count(*) FROM up)::int AS rows`;

export async function ingestOutcomes(db: PrismaClient, events: OutcomeEventInput[]): Promise<OutcomeIngestResult> {
  const rejected: OutcomeIngestResult["rejected"] = [];
  const unique = new Map<string, OutcomeEventInput>();
  let duplicates = 0;
  for (const e of events) {
    if (unique.has(e.eventId)) duplicates++;
    else unique.set(e.eventId, e);
  }
  const ctx = await loadAttributionContext(db, [...unique.values()]);
  const resolved: Resolved[] = [];
  let unattributed = 0;
  for (const e of unique.values()) {
    const a = attributeOutcome(e, ctx);
    if (a.kind === "rejected") rejected.push({ eventId: e.eventId, reason: a.reason });
    else if (a.kind === "unattributed") unattributed++;
    else
      resolved.push({
        e,
        rolloutId: a.rolloutId,
        variant: a.variant,
        segment: e.segment && e.segment.length ? e.segment : "*",
        occurredAt: a.occurredAt,
      });
  }
  if (resolved.length === 0) return { accepted: 0, duplicates, unattributed, rejected };

  const n = resolved.length;
  const eventIds: string[] = new Array(n),
    rolloutIds: string[] = new Array(n),
    variants: string[] = new Array(n),
    segments: string[] = new Array(n);
  const kinds: string[] = new Array(n),
    values: number[] = new Array(n),
    requestIds: (string | null)[] = new Array(n),
    unitKeys: (string | null)[] = new Array(n);
  const occurredAt: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { e, rolloutId, variant, segment } = resolved[i];
    eventIds[i] = e.eventId;
    rolloutIds[i] = rolloutId;
    variants[i] = variant;
    segments[i] = segment;
    kinds[i] = e.kind;
    values[i] = e.value;
    requestIds[i] = e.requestId ?? null;
    unitKeys[i] = e.unitKey ?? null;
    occurredAt[i] = utcTimestamp(resolved[i].occurredAt);
  }
  const [counts] = await db.$queryRawUnsafe<{ accepted: number; rows: number }[]>(
    INGEST_SQL,
    textArray(eventIds),
    textArray(rolloutIds),
    textArray(variants),
    textArray(segments),
    textArray(kinds),
    `{${values.join(",")}}`,
    textArray(requestIds),
    textArray(unitKeys),
    textArray(occurredAt),
  );
  return { accepted: counts.accepted, duplicates: duplicates + n - counts.accepted, unattributed, rejected };
}

/** A PostgreSQL array literal of strings (NULL for null), every element quoted. */
export function textArray(xs: readonly (string | null | undefined)[]): string {
  let out = "{";
  for (let i = 0; i < xs.length; i++) {
    if (i > 0) out += ",";
    const x = xs[i];
    if (x == null) out += "NULL";
    else if (x.includes('"') || x.includes("\\")) out += '"' + x.replace(/["\\]/g, "\\$&") + '"';
    else out += '"' + x + '"';
  }
  return out + "}";
}

/**
 * The UTC wall time of an ISO 8601 instant, as the column (timestamp without time zone, ms)
 * stores it. A string already in UTC with no or millisecond fractions ("...Z") is passed as is
 * (PostgreSQL drops the Z, which is right for UTC); any other offset or precision goes through
 * Date, as before.
 */
export function utcTimestamp(iso: string): string {
  if ((iso.length === 24 || iso.length === 20) && iso.charCodeAt(iso.length - 1) === 90 /* Z */) return iso;
  return new Date(iso).toISOString();
}

/** How one outcome changes its rollup row (the same rules as rollupUpsertFrom in SQL; used by the naive benchmark path). */
export function outcomeDelta(kind: OutcomeEventInput["kind"], value: number): Partial<ArmTotals> {
  switch (kind) {
    case "label":
      return { labelled: 1, correct: value >= 0.5 ? 1 : 0 };
    case "reward":
      return { outcomeCount: 1, outcomeSum: value, outcomeSumSq: value * value };
    case "conversion":
      return { conversions: value > 0 ? 1 : 0 };
    case "complaint":
      return { complaints: 1 };
    case "critical_error":
      return { criticalErrors: 1 };
  }
}
