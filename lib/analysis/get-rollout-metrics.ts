// Everything the metrics panel draws for one rollout, read with a few aggregate queries.
import type { PrismaClient } from "@/lib/db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import { parseRolloutGates } from "./default-gates";
import { loadTotals } from "./load-window";
import { psiOf, toSeries, variantPoint, type SeriesPoint, type SeriesRow, type VariantPoint } from "./metrics-series";
import { emptyTotals, histogramQuantile } from "./window";

export interface RolloutMetrics {
  rolloutId: string;
  champion: string;
  challengers: string[];
  from: string;
  to: string;
  stepSeconds: number;
  series: SeriesPoint[];
  steps: { t: number; label: string }[];
  thresholds: { metric: "errorRate" | "p95" | "accuracy"; value: number; label: string }[];
  overall: Record<string, VariantPoint>;
  segments: { segment: string; v: Record<string, VariantPoint> }[];
  drift: { variant: string; psi: number | null }[];
}

const MAX_POINTS = 120;
const BUCKETS = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/** From the rollout's start (at most the last 24 h) to `now`, in at most 120 steps. */
export async function getRolloutMetrics(
  db: PrismaClient,
  rolloutId: string,
  now = new Date(),
): Promise<RolloutMetrics | null> {
  const rollout = await db.rollout.findUnique({
    where: { id: rolloutId },
    include: { variants: true, steps: { orderBy: { index: "asc" } } },
  });
  if (!rollout) return null;
  const champion = rollout.variants.find((v) => v.role === "champion")?.key ?? "champion";
  const challengers = rollout.variants.filter((v) => v.role === "challenger").map((v) => v.key);
  const first = await db.metricRollup.findFirst({
    where: { rolloutId },
    orderBy: { bucketStart: "asc" },
    select: { bucketStart: true },
  });
  const start = Math.max(
    now.getTime() - 86_400_000,
    Math.min(first?.bucketStart.getTime() ?? now.getTime(), (rollout.startedAt ?? rollout.createdAt).getTime()),
  );
  const from = new Date(Math.floor(start / 10_000) * 10_000);
  const stepSeconds = Math.max(10, Math.ceil((now.getTime() - from.getTime()) / 1000 / MAX_POINTS / 10) * 10);
  const rows = await seriesRows(db, { rolloutId, from, to: now, stepSeconds });
  const variants = [champion, ...challengers];
  const totals = await loadTotals(db, { rolloutId, from, to: now });
  const all = (k: string) => totals[k]?.["*"] ?? emptyTotals();
  const grand = variants.reduce((s, k) => s + all(k).requests, 0);
  const predTotals = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const p = predTotals.get(r.variant) ?? {};
    for (const [k, n] of Object.entries(r.predictions)) p[k] = (p[k] ?? 0) + n;
    predTotals.set(r.variant, p);
  }
  const overall = Object.fromEntries(
    variants.map((k) => [
      k,
      variantPoint(all(k), grand, k === champion ? undefined : predTotals.get(k), predTotals.get(champion)),
    ]),
  );
  const segmentNames = [...new Set(variants.flatMap((k) => Object.keys(totals[k] ?? {})))]
    .filter((s) => s !== "*")
    .sort();
  const segments = segmentNames.map((segment) => {
    const segTotal = variants.reduce((s, k) => s + (totals[k]?.[segment]?.requests ?? 0), 0);
    return {
      segment,
      v: Object.fromEntries(
        variants.filter((k) => totals[k]?.[segment]).map((k) => [k, variantPoint(totals[k][segment], segTotal)]),
      ),
    };
  });
  return {
    rolloutId,
    champion,
    challengers,
    from: from.toISOString(),
    to: now.toISOString(),
    stepSeconds,
    series: toSeries(rows, variants, champion),
    steps: rollout.steps
      .filter((s) => s.startedAt)
      .map((s) => ({
        t: s.startedAt!.getTime(),
        label: `Step ${s.index + 1}: ${stepLabel(s.kind, s.params as Record<string, unknown>)}`,
      })),
    thresholds: thresholds(rollout.gates, all(champion)),
    overall,
    segments,
    drift: challengers.map((k) => ({
      variant: k,
      psi: psiOf(predTotals.get(champion) ?? {}, predTotals.get(k) ?? {}),
    })),
  };
}

async function seriesRows(
  db: PrismaClient,
  { rolloutId, from, to, stepSeconds: step }: { rolloutId: string; from: Date; to: Date; stepSeconds: number },
): Promise<SeriesRow[]> {
  const cols = ["requests", "errors", "labelled", "correct", "conversions", "mirrored", "agreements"];
  const raw = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT variant, (floor(extract(epoch FROM bucket_start) / $4) * $4 * 1000)::float8 AS t,
       ${cols.map((c) => `sum(${c}::float8) AS ${c}`).join(", ")},
       ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `sum(latency_buckets[${i + 1}]::float8)`).join(", ")}] AS lb,
       (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
          SELECT e.key AS k, sum(e.value::numeric) AS n FROM unnest(array_agg(predictions)) AS p(j), jsonb_each_text(p.j) AS e GROUP BY e.key) x) AS predictions
     FROM metric_rollups
     WHERE rollout_id = $1 AND segment = '*' AND bucket_start >= $2::timestamp AND bucket_start <= $3::timestamp
     GROUP BY variant, 2 ORDER BY 2`,
    rolloutId,
    from.toISOString(),
    to.toISOString(),
    step,
  );
  return raw.map((r) => {
    const totals = emptyTotals();
    for (const c of cols) (totals as unknown as Record<string, number>)[camel(c)] = Number(r[c] ?? 0);
    totals.latencyBuckets = (r.lb as unknown[]).map(Number);
    const predictions = Object.fromEntries(
      Object.entries((r.predictions ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]),
    );
    return { variant: String(r.variant), t: Number(r.t), totals, predictions };
  });
}

function thresholds(stored: unknown, champion: ReturnType<typeof emptyTotals>): RolloutMetrics["thresholds"] {
  const out: RolloutMetrics["thresholds"] = [];
  for (const g of parseRolloutGates(stored).gates) {
    if (g.metric === "error_rate" && champion.requests > 0) {
      out.push({
        metric: "errorRate",
        value: (champion.errors / champion.requests) * (1 + g.threshold),
        label: `${g.name} limit`,
      });
    } else if (g.metric === "latency_p95") {
      const p95 = histogramQuantile(champion.latencyBuckets, 0.95);
      if (Number.isFinite(p95)) out.push({ metric: "p95", value: p95 * (1 + g.threshold), label: `${g.name} limit` });
    } else if (g.metric === "accuracy" && champion.labelled > 0) {
      out.push({
        metric: "accuracy",
        value: (champion.correct / champion.labelled) * (1 - g.threshold),
        label: `${g.name} limit`,
      });
    }
  }
  return out;
}

function stepLabel(kind: string, params: Record<string, unknown>): string {
  if (kind === "set_weight" && typeof params.weight === "number") return `weight ${params.weight / 100} %`;
  return kind.replace("_", " ");
}

function camel(c: string): string {
  return c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase());
}
