// Reads summed rollups for one rollout and window in a single aggregate query (the 14 histogram
// buckets are summed column-wise, no unnest), shaped as WindowData for the pure gates. Sums run
// on float8 (exact below 2^53): sum(bigint) would aggregate in numeric, several times slower.
import type { PrismaClient } from "@/lib/db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import { emptyTotals, type ArmTotals } from "./window";

const BUCKETS = LATENCY_BUCKET_BOUNDS_MS.length + 1;
const SUMS = [
  "requests",
  "errors",
  "critical_errors",
  "latency_sum_ms",
  "outcome_count",
  "outcome_sum",
  "outcome_sum_sq",
  "labelled",
  "correct",
  "conversions",
  "complaints",
  "mirrored",
  "agreements",
];
const SQL = `
SELECT variant, segment, ${SUMS.map((c) => `sum(${c}::float8) AS ${c}`).join(", ")},
  ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `sum(latency_buckets[${i + 1}]::float8)`).join(", ")}] AS lb
FROM metric_rollups
WHERE rollout_id = $1 AND bucket_start >= $2::timestamp AND bucket_start <= $3::timestamp SEGMENT_FILTER
GROUP BY variant, segment`;

type Row = Record<string, unknown> & { variant: string; segment: string; lb: number[] };

/** variant → segment → totals over rollups whose 10 s bucket starts in [from, to]. */
export async function loadTotals(
  db: PrismaClient,
  {
    rolloutId,
    from,
    to,
    allSegmentsOnly = false,
  }: { rolloutId: string; from: Date; to: Date; allSegmentsOnly?: boolean },
): Promise<Record<string, Record<string, ArmTotals>>> {
  const sql = SQL.replace("SEGMENT_FILTER", allSegmentsOnly ? "AND segment = '*'" : "");
  const rows = await db.$queryRawUnsafe<Row[]>(sql, rolloutId, from.toISOString(), to.toISOString());
  const out: Record<string, Record<string, ArmTotals>> = {};
  for (const r of rows) {
    const t = emptyTotals();
    t.requests = num(r.requests);
    t.errors = num(r.errors);
    t.criticalErrors = num(r.critical_errors);
    t.latencySumMs = num(r.latency_sum_ms);
    t.outcomeCount = num(r.outcome_count);
    t.outcomeSum = num(r.outcome_sum);
    t.outcomeSumSq = num(r.outcome_sum_sq);
    t.labelled = num(r.labelled);
    t.correct = num(r.correct);
    t.conversions = num(r.conversions);
    t.complaints = num(r.complaints);
    t.mirrored = num(r.mirrored);
    t.agreements = num(r.agreements);
    t.latencyBuckets = r.lb.map(num);
    (out[r.variant] ??= {})[r.segment] = t;
  }
  return out;
}

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}
