// Adds deltas into metric_rollups with one INSERT ... ON CONFLICT DO UPDATE per batch: columns
// travel as parallel arrays and unnest() turns them back into rows, so a batch of any size is one
// round trip. Shared by web and benchmarks (no "server-only"); callers pass the client.
import type { PrismaClient, Tx } from "@/lib/db/create-client";
import type { RollupDelta } from "./rollup-delta";

const SQL = `
INSERT INTO metric_rollups AS m (rollout_id, variant, segment, bucket_start, requests, errors, critical_errors,
  latency_sum_ms, latency_buckets, outcome_count, outcome_sum, outcome_sum_sq, labelled, correct, conversions,
  complaints, mirrored, agreements, predictions)
SELECT r, v, s, b, rq, er, ce, ls, lb::bigint[], oc, os, oss, lab, cor, conv, comp, mir, agr, pred::jsonb
FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[], $5::bigint[], $6::bigint[], $7::bigint[],
  $8::float8[], $9::text[], $10::bigint[], $11::float8[], $12::float8[], $13::bigint[], $14::bigint[], $15::bigint[],
  $16::bigint[], $17::bigint[], $18::bigint[], $19::text[])
  AS u(r, v, s, b, rq, er, ce, ls, lb, oc, os, oss, lab, cor, conv, comp, mir, agr, pred)
ON CONFLICT (rollout_id, variant, segment, bucket_start) DO UPDATE SET
  requests = m.requests + EXCLUDED.requests,
  errors = m.errors + EXCLUDED.errors,
  critical_errors = m.critical_errors + EXCLUDED.critical_errors,
  latency_sum_ms = m.latency_sum_ms + EXCLUDED.latency_sum_ms,
  latency_buckets = ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(m.latency_buckets, EXCLUDED.latency_buckets) AS t(x, y)),
  outcome_count = m.outcome_count + EXCLUDED.outcome_count,
  outcome_sum = m.outcome_sum + EXCLUDED.outcome_sum,
  outcome_sum_sq = m.outcome_sum_sq + EXCLUDED.outcome_sum_sq,
  labelled = m.labelled + EXCLUDED.labelled,
  correct = m.correct + EXCLUDED.correct,
  conversions = m.conversions + EXCLUDED.conversions,
  complaints = m.complaints + EXCLUDED.complaints,
  mirrored = m.mirrored + EXCLUDED.mirrored,
  agreements = m.agreements + EXCLUDED.agreements,
  predictions = CASE WHEN EXCLUDED.predictions = '{}'::jsonb THEN m.predictions ELSE (
    SELECT coalesce(jsonb_object_agg(k, coalesce((m.predictions->>k)::numeric, 0) + coalesce((EXCLUDED.predictions->>k)::numeric, 0)), '{}'::jsonb)
    FROM (SELECT jsonb_object_keys(m.predictions) UNION SELECT jsonb_object_keys(EXCLUDED.predictions)) AS keys(k)) END`;

/** One statement for the whole batch; returns the number of rollup rows touched. */
export async function upsertRollups(db: PrismaClient | Tx, deltas: RollupDelta[]): Promise<number> {
  if (deltas.length === 0) return 0;
  const col = <T>(f: (d: RollupDelta) => T) => deltas.map(f);
  return db.$executeRawUnsafe(
    SQL,
    col((d) => d.rolloutId),
    col((d) => d.variant),
    col((d) => d.segment),
    col((d) => d.bucketStart.toISOString()),
    col((d) => d.requests),
    col((d) => d.errors),
    col((d) => d.criticalErrors),
    col((d) => d.latencySumMs),
    col((d) => `{${d.latencyBuckets.join(",")}}`),
    col((d) => d.outcomeCount),
    col((d) => d.outcomeSum),
    col((d) => d.outcomeSumSq),
    col((d) => d.labelled),
    col((d) => d.correct),
    col((d) => d.conversions),
    col((d) => d.complaints),
    col((d) => d.mirrored),
    col((d) => d.agreements),
    col((d) => JSON.stringify(d.predictions)),
  );
}
