// Adds a router batch's cells into system_traffic: per variant and 10 s bucket, all segments
// together. One statement per batch. Shared by web and benchmarks (no "server-only").
import type { Tx } from "@/lib/db/create-client";
import type { ReportCell } from "@/lib/dataplane/report-schema";

const SQL = `
INSERT INTO system_traffic AS t (system_id, variant, bucket_start, requests, errors, latency_buckets)
SELECT $1, v, b, rq, er, lb::bigint[]
FROM unnest($2::text[], $3::timestamp[], $4::bigint[], $5::bigint[], $6::text[]) AS u(v, b, rq, er, lb)
ON CONFLICT (system_id, variant, bucket_start) DO UPDATE SET
  requests = t.requests + EXCLUDED.requests,
  errors = t.errors + EXCLUDED.errors,
  latency_buckets = ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0) FROM unnest(t.latency_buckets, EXCLUDED.latency_buckets) AS z(x, y))`;

/** Returns the number of rows touched. Cells of one variant and bucket (its segments) are summed first. */
export async function upsertSystemTraffic(tx: Tx, systemId: string, cells: ReportCell[]): Promise<number> {
  const sums = new Map<
    string,
    { variant: string; bucket: string; requests: number; errors: number; latency: number[] }
  >();
  for (const c of cells) {
    if (c.requests === 0 && c.errors === 0) continue;
    const key = `${c.variant}\u0000${c.bucketStart}`;
    let s = sums.get(key);
    if (!s) {
      s = { variant: c.variant, bucket: c.bucketStart, requests: 0, errors: 0, latency: c.latencyBuckets.map(() => 0) };
      sums.set(key, s);
    }
    s.requests += c.requests;
    s.errors += c.errors;
    c.latencyBuckets.forEach((n, i) => (s.latency[i] += n));
  }
  if (sums.size === 0) return 0;
  const rows = [...sums.values()];
  return tx.$executeRawUnsafe(
    SQL,
    systemId,
    rows.map((r) => r.variant),
    rows.map((r) => r.bucket),
    rows.map((r) => r.requests),
    rows.map((r) => r.errors),
    rows.map((r) => `{${r.latency.join(",")}}`),
  );
}
