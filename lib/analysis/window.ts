// What a gate sees: summed rollups per variant and segment over one window. Pure.
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";

export const ALL_SEGMENTS = "*";

/** Sums of metric_rollups columns for one variant and segment over the window. */
export interface ArmTotals {
  requests: number;
  errors: number;
  criticalErrors: number;
  latencySumMs: number;
  /** Counts per LATENCY_BUCKET_BOUNDS_MS bucket plus overflow. */
  latencyBuckets: number[];
  outcomeCount: number;
  outcomeSum: number;
  outcomeSumSq: number;
  labelled: number;
  correct: number;
  conversions: number;
  complaints: number;
  mirrored: number;
  agreements: number;
}

export interface WindowData {
  champion: string;
  challengers: string[];
  windowStart: Date;
  windowEnd: Date;
  /** variant → segment → totals; segment "*" is all traffic of the variant. */
  arms: Record<string, Record<string, ArmTotals>>;
  /** Count gates with withinSeconds: gate name → variant → totals over the rollout's first N seconds. */
  countWindows?: Record<string, Record<string, ArmTotals>>;
}

export function emptyTotals(): ArmTotals {
  return {
    requests: 0,
    errors: 0,
    criticalErrors: 0,
    latencySumMs: 0,
    latencyBuckets: new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0),
    outcomeCount: 0,
    outcomeSum: 0,
    outcomeSumSq: 0,
    labelled: 0,
    correct: 0,
    conversions: 0,
    complaints: 0,
    mirrored: 0,
    agreements: 0,
  };
}

/** a += b, in place; returns a. */
export function addTotals(a: ArmTotals, b: ArmTotals): ArmTotals {
  a.requests += b.requests;
  a.errors += b.errors;
  a.criticalErrors += b.criticalErrors;
  a.latencySumMs += b.latencySumMs;
  for (let i = 0; i < a.latencyBuckets.length; i++) a.latencyBuckets[i] += b.latencyBuckets[i] ?? 0;
  a.outcomeCount += b.outcomeCount;
  a.outcomeSum += b.outcomeSum;
  a.outcomeSumSq += b.outcomeSumSq;
  a.labelled += b.labelled;
  a.correct += b.correct;
  a.conversions += b.conversions;
  a.complaints += b.complaints;
  a.mirrored += b.mirrored;
  a.agreements += b.agreements;
  return a;
}

export function armOf(window: WindowData, variant: string, segment = ALL_SEGMENTS): ArmTotals {
  return window.arms[variant]?.[segment] ?? emptyTotals();
}

/** Segments (other than "*") seen on both the champion and the challenger. */
export function sharedSegments(window: WindowData, challenger: string): string[] {
  const a = Object.keys(window.arms[window.champion] ?? {});
  const b = new Set(Object.keys(window.arms[challenger] ?? {}));
  return a.filter((s) => s !== ALL_SEGMENTS && b.has(s)).sort();
}

/**
 * Latency quantile (ms) from the fixed histogram, interpolating linearly inside the bucket as
 * Prometheus histogram_quantile does; the overflow bucket reports the largest bound. NaN when empty.
 */
export function histogramQuantile(buckets: readonly number[], q: number): number {
  const total = buckets.reduce((s, c) => s + c, 0);
  if (total <= 0) return NaN;
  const rank = q * total;
  let cum = 0;
  for (let i = 0; i < buckets.length; i++) {
    const next = cum + buckets[i];
    if (next >= rank && buckets[i] > 0) {
      if (i >= LATENCY_BUCKET_BOUNDS_MS.length) return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1];
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      return lower + ((upper - lower) * (rank - cum)) / buckets[i];
    }
    cum = next;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1];
}

/** Estimated number of observations above `ms` (linear inside the bucket), the inverse of histogramQuantile. */
export function countAbove(buckets: readonly number[], ms: number): number {
  let above = 0;
  for (let i = 0; i < buckets.length; i++) {
    const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1];
    const upper = i < LATENCY_BUCKET_BOUNDS_MS.length ? LATENCY_BUCKET_BOUNDS_MS[i] : Infinity;
    if (ms <= lower) above += buckets[i];
    else if (ms < upper) above += upper === Infinity ? buckets[i] : (buckets[i] * (upper - ms)) / (upper - lower);
  }
  return above;
}
