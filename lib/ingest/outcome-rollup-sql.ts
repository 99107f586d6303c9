// SQL that turns outcome rows into rollup increments: shared by the ingest (ADD to what is there)
// and the rebuild (SET from all raw events), so both count outcomes the same way.
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";

const ZEROS = `'{${new Array(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0).join(",")}}'::bigint[]`;
const COLUMNS = ["outcome_count", "outcome_sum", "outcome_sum_sq", "labelled", "correct", "conversions", "complaints", "critical_errors"];

/** INSERT ... SELECT ... GROUP BY ... ON CONFLICT from a relation with (rollout_id, variant, seg, kind, value, occurred_at). */
export function rollupUpsertFrom(source: string, mode: "ADD" | "SET"): string {
  const set = COLUMNS.map((c) => (mode === "ADD" ? `${c} = m.${c} + EXCLUDED.${c}` : `${c} = EXCLUDED.${c}`)).join(", ");
  return `INSERT INTO metric_rollups AS m (rollout_id, variant, segment, bucket_start, latency_buckets, ${COLUMNS.join(", ")})
  SELECT rollout_id, variant, seg, to_timestamp(floor(extract(epoch FROM occurred_at) / 10) * 10) AT TIME ZONE 'UTC', ${ZEROS},
    count(*) FILTER (WHERE kind = 'reward'),
    coalesce(sum(value) FILTER (WHERE kind = 'reward'), 0),
    coalesce(sum(value * value) FILTER (WHERE kind = 'reward'), 0),
    count(*) FILTER (WHERE kind = 'label'),
    count(*) FILTER (WHERE kind = 'label' AND value >= 0.5),
    count(*) FILTER (WHERE kind = 'conversion' AND value > 0),
    count(*) FILTER (WHERE kind = 'complaint'),
    count(*) FILTER (WHERE kind = 'critical_error')
  FROM ${source}
  GROUP BY rollout_id, variant, seg, 4
  ON CONFLICT (rollout_id, variant, segment, bucket_start) DO UPDATE SET ${set}`;
}
