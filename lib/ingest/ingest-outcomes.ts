// Stores delayed outcomes (labels, rewards, conversions, complaints, critical errors) and adds
// them into the rollups of the 10 s bucket they happened in. Idempotent by event id: the raw
// insert skips known ids and only the rows actually inserted are added. No "server-only": the
// benchmark drives it with its own client.
import type { PrismaClient } from "@/lib/db/create-client";
import { bucketOf, layoutBuckets } from "@/lib/dataplane/assign";
import type { RouteVariant } from "@/lib/routers/types";
import type { ArmTotals } from "@/lib/analysis/window";
import { rollupUpsertFrom } from "./outcome-rollup-sql";
import type { OutcomeEventInput } from "./schemas";

export interface OutcomeIngestResult {
  accepted: number;
  duplicates: number;
  rejected: { eventId: string; reason: string }[];
}

interface Resolved {
  e: OutcomeEventInput;
  variant: string;
  segment: string;
}

// One statement per batch: insert the raw events (skipping known ids), then add only the rows
// actually inserted into their rollups, aggregated per (variant, segment and "*", 10 s bucket).
// Nothing comes back to node but two counts. The events travel as one JSON parameter
// (json_to_recordset) rather than nine unnest arrays: same single statement, but node spends a
// third to a fifth of the CPU (measured in bench/ingest.ts) because pg's array-literal encoding
// is slow for thousands of strings.
const INGEST_SQL = `
WITH ins AS (
  INSERT INTO outcome_events (event_id, rollout_id, variant, segment, kind, value, request_id, unit_key, occurred_at)
  SELECT * FROM json_to_recordset($1::json) AS e(event_id text, rollout_id text, variant text, segment text, kind text, value float8, request_id text, unit_key text, occurred_at timestamp)
  ON CONFLICT (event_id) DO NOTHING
  RETURNING rollout_id, variant, segment, kind, value, occurred_at
), expanded AS (
  SELECT rollout_id, variant, '*' AS seg, kind, value, occurred_at FROM ins
  UNION ALL
  SELECT rollout_id, variant, segment, kind, value, occurred_at FROM ins WHERE segment <> '*'
), up AS (
  ${rollupUpsertFrom("expanded", "ADD")}
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
  const resolved = await resolveVariants(db, [...unique.values()], rejected);
  if (resolved.length === 0) return { accepted: 0, duplicates, rejected };

  const rows = resolved.map((r) => ({
    event_id: r.e.eventId,
    rollout_id: r.e.rolloutId,
    variant: r.variant,
    segment: r.segment,
    kind: r.e.kind,
    value: r.e.value,
    request_id: r.e.requestId ?? null,
    unit_key: r.e.unitKey ?? null,
    occurred_at: new Date(r.e.occurredAt).toISOString(),
  }));
  const [counts] = await db.$queryRawUnsafe<{ accepted: number; rows: number }[]>(INGEST_SQL, JSON.stringify(rows));
  return { accepted: counts.accepted, duplicates: duplicates + resolved.length - counts.accepted, rejected };
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

/**
 * The variant of each event: as given (must be one of the rollout's), recomputed from the unit
 * key with the router's own assignment (hash(unit key, salt) → bucket → weights), or taken from an
 * earlier event of the same request id. Anything else is rejected, per event, with a reason.
 */
async function resolveVariants(db: PrismaClient, events: OutcomeEventInput[], rejected: OutcomeIngestResult["rejected"]): Promise<Resolved[]> {
  const ids = [...new Set(events.map((e) => e.rolloutId))];
  const rollouts = await db.rollout.findMany({
    where: { id: { in: ids } },
    select: { id: true, salt: true, desiredWeights: true, variants: { select: { key: true, role: true } } },
  });
  const byId = new Map(rollouts.map((r) => [r.id, r]));
  const layouts = new Map<string, Uint8Array>();
  const needRequest = events.filter((e) => !e.variant && !e.unitKey && e.requestId).map((e) => e.requestId!);
  const byRequest = new Map<string, string>();
  if (needRequest.length) {
    const known = await db.outcomeEvent.findMany({ where: { requestId: { in: needRequest } }, select: { requestId: true, rolloutId: true, variant: true } });
    for (const k of known) byRequest.set(`${k.rolloutId}\u0000${k.requestId}`, k.variant);
  }
  const out: Resolved[] = [];
  for (const e of events) {
    const rollout = byId.get(e.rolloutId);
    if (!rollout) {
      rejected.push({ eventId: e.eventId, reason: "unknown rollout" });
      continue;
    }
    let variant = e.variant;
    if (!variant && e.unitKey) {
      let layout = layouts.get(rollout.id);
      if (!layout) {
        const variants: RouteVariant[] = rollout.variants.map((v) => ({ key: v.key, role: v.role, upstream: "", version: "" }));
        layout = layoutBuckets({ variants, weights: (rollout.desiredWeights ?? {}) as Record<string, number> });
        layouts.set(rollout.id, layout);
      }
      variant = rollout.variants[layout[bucketOf(e.unitKey, rollout.salt)]]?.key;
    }
    if (!variant && e.requestId) variant = byRequest.get(`${rollout.id}\u0000${e.requestId}`);
    if (!variant) {
      rejected.push({ eventId: e.eventId, reason: "variant unknown: send variant or unitKey (requestId only works after an event that named the variant)" });
      continue;
    }
    if (!rollout.variants.some((v) => v.key === variant)) {
      rejected.push({ eventId: e.eventId, reason: `"${variant}" is not a variant of this rollout` });
      continue;
    }
    const segment = e.segment && e.segment.length ? e.segment : "*";
    out.push({ e, variant, segment });
  }
  return out;
}
