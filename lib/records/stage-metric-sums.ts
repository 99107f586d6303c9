// Sums of a rollout's all-traffic rollups ("*" segment) per variant within one time window,
// latency histogram summed bucket by bucket in SQL.
import type { Tx } from "../db/create-client";
import type { RollupSums } from "./record-content";

export async function stageMetricSums(tx: Tx, rolloutId: string, from: Date, to: Date): Promise<RollupSums[]> {
  const rows = await tx.$queryRaw<
    {
      variant: string;
      requests: bigint;
      errors: bigint;
      labelled: bigint;
      correct: bigint;
      buckets: (string | number)[] | null;
    }[]
  >`
    WITH w AS (
      SELECT variant, requests, errors, labelled, correct, latency_buckets
      FROM metric_rollups
      WHERE rollout_id = ${rolloutId} AND segment = '*' AND bucket_start >= ${from} AND bucket_start < ${to}
    ), b AS (
      SELECT variant, i, sum(c)::bigint AS c
      FROM w, unnest(latency_buckets) WITH ORDINALITY AS u(c, i)
      GROUP BY variant, i
    )
    SELECT t.variant, t.requests, t.errors, t.labelled, t.correct,
           (SELECT array_agg(b.c ORDER BY b.i) FROM b WHERE b.variant = t.variant) AS buckets
    FROM (SELECT variant, sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
                 sum(labelled)::bigint AS labelled, sum(correct)::bigint AS correct
          FROM w GROUP BY variant) t
    ORDER BY t.variant`;
  return rows.map((r) => ({
    variant: r.variant,
    requests: Number(r.requests),
    errors: Number(r.errors),
    labelled: Number(r.labelled),
    correct: Number(r.correct),
    latencyBuckets: (r.buckets ?? []).map(Number),
  }));
}
