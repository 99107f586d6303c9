// Rebuilds the outcome columns of a rollout's rollups from the raw outcome_events. Router cells
// (requests, errors, latency, mirror agreement, predictions) exist only as rollups, so those
// columns are kept as they are: they are the raw data.
import type { PrismaClient } from "@/lib/db/create-client";

const OUTCOME_COLUMNS = ["outcome_count", "outcome_sum", "outcome_sum_sq", "labelled", "correct", "conversions", "complaints", "critical_errors"];

const REBUILD_SQL = `
INSERT INTO metric_rollups AS m (rollout_id, variant, segment, bucket_start, latency_buckets,
  outcome_count, outcome_sum, outcome_sum_sq, labelled, correct, conversions, complaints, critical_errors)
SELECT rollout_id, variant, seg, to_timestamp(floor(extract(epoch FROM occurred_at) / 10) * 10) AT TIME ZONE 'UTC',
  $2::bigint[],
  count(*) FILTER (WHERE kind = 'reward'),
  coalesce(sum(value) FILTER (WHERE kind = 'reward'), 0),
  coalesce(sum(value * value) FILTER (WHERE kind = 'reward'), 0),
  count(*) FILTER (WHERE kind = 'label'),
  count(*) FILTER (WHERE kind = 'label' AND value >= 0.5),
  count(*) FILTER (WHERE kind = 'conversion' AND value > 0),
  count(*) FILTER (WHERE kind = 'complaint'),
  count(*) FILTER (WHERE kind = 'critical_error')
FROM (
  SELECT *, '*' AS seg FROM outcome_events WHERE rollout_id = $1
  UNION ALL
  SELECT *, segment AS seg FROM outcome_events WHERE rollout_id = $1 AND segment <> '*'
) e
GROUP BY rollout_id, variant, seg, 4
ON CONFLICT (rollout_id, variant, segment, bucket_start) DO UPDATE SET
  outcome_count = EXCLUDED.outcome_count, outcome_sum = EXCLUDED.outcome_sum, outcome_sum_sq = EXCLUDED.outcome_sum_sq,
  labelled = EXCLUDED.labelled, correct = EXCLUDED.correct, conversions = EXCLUDED.conversions,
  complaints = EXCLUDED.complaints, critical_errors = EXCLUDED.critical_errors`;

/**
 * Recomputes every outcome column of the rollout's rollups from outcome_events, in one
 * transaction (readers see the old or the new numbers, never a half-rebuilt state). Safe to repeat.
 */
export async function rebuildRollups(db: PrismaClient, rolloutId: string): Promise<{ rows: number }> {
  const zeros = `{${new Array(14).fill(0).join(",")}}`;
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`UPDATE metric_rollups SET ${OUTCOME_COLUMNS.map((c) => `${c} = 0`).join(", ")} WHERE rollout_id = $1`, rolloutId);
    const rows = await tx.$executeRawUnsafe(REBUILD_SQL, rolloutId, zeros);
    return { rows };
  });
}
