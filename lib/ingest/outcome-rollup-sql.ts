// SQL that turns outcome rows into rollup increments: shared by the ingest (ADD to what is there)
// and the rebuild (SET from all raw events), so both count outcomes the same way.
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";

const ZEROS = `'{${new Array(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0).join(",")}}'::bigint[]`;
const COLUMNS = [
  "outcome_count",
  "outcome_sum",
  "outcome_sum_sq",
  "labelled",
  "correct",
  "conversions",
  "complaints",
  "critical_errors",
];
const FLOAT_COLUMNS = new Set(["outcome_sum", "outcome_sum_sq"]);

/**
 * INSERT ... ON CONFLICT into metric_rollups from a relation of raw outcome rows
 * (rollout_id, variant, segment, kind, value, occurred_at): each row counts in its segment's row
 * and in the all-traffic row ("*") of its 10 s bucket. The rows are aggregated once per
 * (rollout, variant, segment, bucket), and the "*" rows are summed from those few groups rather
 * than from the raw rows a second time. The bucket is date_bin (integer arithmetic on the
 * timestamp), the same floor to 10 s as floor(extract(epoch) / 10) * 10 without the numeric math.
 */
export function rollupUpsertFrom(source: string, mode: "ADD" | "SET"): string {
  const set = COLUMNS.map((c) => (mode === "ADD" ? `${c} = m.${c} + EXCLUDED.${c}` : `${c} = EXCLUDED.${c}`)).join(
    ", ",
  );
  const summed = COLUMNS.map((c) => (FLOAT_COLUMNS.has(c) ? `sum(${c})` : `sum(${c})::bigint`)).join(", ");
  return `INSERT INTO metric_rollups AS m (rollout_id, variant, segment, bucket_start, latency_buckets, ${COLUMNS.join(", ")})
  WITH per_segment AS (
    SELECT rollout_id, variant, segment, date_bin('10 seconds', occurred_at, TIMESTAMP '1970-01-01') AS bucket_start,
      count(*) FILTER (WHERE kind = 'reward') AS outcome_count,
      coalesce(sum(value) FILTER (WHERE kind = 'reward'), 0) AS outcome_sum,
      coalesce(sum(value * value) FILTER (WHERE kind = 'reward'), 0) AS outcome_sum_sq,
      count(*) FILTER (WHERE kind = 'label') AS labelled,
      count(*) FILTER (WHERE kind = 'label' AND value >= 0.5) AS correct,
      count(*) FILTER (WHERE kind = 'conversion' AND value > 0) AS conversions,
      count(*) FILTER (WHERE kind = 'complaint') AS complaints,
      count(*) FILTER (WHERE kind = 'critical_error') AS critical_errors
    FROM ${source}
    GROUP BY 1, 2, 3, 4
  )
  SELECT rollout_id, variant, segment, bucket_start, ${ZEROS}, ${COLUMNS.join(", ")} FROM per_segment WHERE segment <> '*'
  UNION ALL
  SELECT rollout_id, variant, '*', bucket_start, ${ZEROS}, ${summed} FROM per_segment GROUP BY rollout_id, variant, bucket_start
  ON CONFLICT (rollout_id, variant, segment, bucket_start) DO UPDATE SET ${set}`;
}
