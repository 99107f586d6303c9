// Chart data for a rollout: per variant and time step, latency quantiles from the histograms,
// error rate with a Wilson interval, accuracy, conversion, traffic share, shadow agreement and
// prediction drift (PSI vs the champion). Pure: rows in, plain arrays for recharts out.
import { drift } from "./stats/drift";
import { normPpf } from "./stats/distributions";
import { histogramQuantile, type ArmTotals } from "./window";

export interface VariantPoint {
  requests: number;
  share: number | null;
  errorRate: number | null;
  errorLow: number | null;
  errorHigh: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  accuracy: number | null;
  conversion: number | null;
  agreement: number | null;
  psi: number | null;
}

export interface SeriesPoint {
  t: number;
  v: Record<string, VariantPoint>;
}

export interface SeriesRow {
  variant: string;
  t: number;
  totals: ArmTotals;
  predictions: Record<string, number>;
}

const Z = normPpf(0.975);

/** Wilson 95 % interval of x/n. */
export function wilson(x: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = x / n;
  const d = 1 + (Z * Z) / n;
  const c = (p + (Z * Z) / (2 * n)) / d;
  const h = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

export function variantPoint(
  t: ArmTotals,
  totalRequests: number,
  predictions?: Record<string, number>,
  reference?: Record<string, number>,
): VariantPoint {
  const ci = wilson(t.errors, t.requests);
  const q = (p: number) => {
    const v = histogramQuantile(t.latencyBuckets, p);
    return Number.isFinite(v) ? v : null;
  };
  return {
    requests: t.requests,
    share: totalRequests > 0 ? t.requests / totalRequests : null,
    errorRate: t.requests > 0 ? t.errors / t.requests : null,
    errorLow: ci?.[0] ?? null,
    errorHigh: ci?.[1] ?? null,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    accuracy: t.labelled > 0 ? t.correct / t.labelled : null,
    conversion: t.requests > 0 && t.conversions > 0 ? t.conversions / t.requests : null,
    agreement: t.mirrored > 0 ? t.agreements / t.mirrored : null,
    psi: predictions && reference ? psiOf(reference, predictions) : null,
  };
}

/** PSI of `current` against `reference` prediction counts over the union of classes (+0.5 smoothing). */
export function psiOf(reference: Record<string, number>, current: Record<string, number>): number | null {
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(current)])].sort();
  const n = keys.reduce((s, k) => s + (reference[k] ?? 0), 0);
  const m = keys.reduce((s, k) => s + (current[k] ?? 0), 0);
  if (keys.length < 2 || n === 0 || m === 0) return null;
  return drift(
    keys.map((k) => reference[k] ?? 0),
    keys.map((k) => current[k] ?? 0),
    { pseudoCount: 0.5 },
  ).psi;
}

/** Points in time order; every variant present at every point (zeros where it had no traffic). */
export function toSeries(rows: SeriesRow[], variants: string[], champion: string): SeriesPoint[] {
  const byT = new Map<number, Map<string, SeriesRow>>();
  for (const r of rows) {
    let m = byT.get(r.t);
    if (!m) byT.set(r.t, (m = new Map()));
    m.set(r.variant, r);
  }
  return [...byT.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, m]) => {
      const total = [...m.values()].reduce((s, r) => s + r.totals.requests, 0);
      const ref = m.get(champion)?.predictions;
      const v: Record<string, VariantPoint> = {};
      for (const key of variants) {
        const r = m.get(key);
        if (!r) continue;
        v[key] = variantPoint(
          r.totals,
          total,
          key === champion ? undefined : r.predictions,
          key === champion ? undefined : ref,
        );
      }
      return { t, v };
    });
}
