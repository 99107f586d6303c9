// Seed 001 step 3, "verify recovery": is the champion back to its baseline after a rollback?
// Pure; verify-recovery.ts feeds it the champion's rollups before and after the rollback.
import { LATENCY_BUCKET_BOUNDS_MS } from "../dataplane/latency-buckets";

/** The default rollback triggers: error rate > 5 % above baseline, p95 > 50 % above baseline. */
export const RECOVERY_THRESHOLDS = {
  errorRateIncrease: 0.05,
  p95Increase: 0.5,
  errorRateSlack: 0.001,
  minRequests: 50,
};

export interface TrafficSample {
  requests: number;
  errors: number;
  /** Counts per latency bucket (LATENCY_BUCKET_BOUNDS_MS, plus one overflow bucket). */
  latencyBuckets: number[];
}

export type RecoveryVerdict = "recovered" | "not_recovered" | "inconclusive";

export interface RecoveryCheck {
  metric: "error_rate" | "p95_latency_ms";
  baseline: number | null;
  after: number | null;
  limit: number | null;
  ok: boolean | null;
}

export interface RecoveryResult {
  verdict: RecoveryVerdict;
  summary: string;
  baseline: { requests: number };
  after: { requests: number };
  checks: RecoveryCheck[];
  thresholds: typeof RECOVERY_THRESHOLDS;
}

/** Upper bound (ms) of the bucket holding the 95th percentile; Infinity for the overflow bucket. */
export function p95FromBuckets(buckets: number[]): number | null {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= 0.95 * total) return i < LATENCY_BUCKET_BOUNDS_MS.length ? LATENCY_BUCKET_BOUNDS_MS[i]! : Infinity;
  }
  return Infinity;
}

/**
 * Recovered when, with enough traffic since the rollback, the champion's error rate is at most
 * 5 % above its baseline (plus 0.1 percentage point of slack, so a clean baseline with one error
 * isn't "not recovered") and its p95 at most 50 % above. Too little traffic is inconclusive,
 * never "recovered".
 */
export function compareRecovery(
  baseline: TrafficSample,
  after: TrafficSample,
  t = RECOVERY_THRESHOLDS,
): RecoveryResult {
  const base = { requests: baseline.requests };
  const now = { requests: after.requests };
  if (baseline.requests === 0) {
    return {
      verdict: "inconclusive",
      summary: "No baseline: the champion served no traffic before the rollback.",
      baseline: base,
      after: now,
      checks: [],
      thresholds: t,
    };
  }
  if (after.requests < t.minRequests) {
    return {
      verdict: "inconclusive",
      summary: `Waiting for traffic: ${after.requests} of ${t.minRequests} requests since the rollback.`,
      baseline: base,
      after: now,
      checks: [],
      thresholds: t,
    };
  }
  const baseRate = baseline.errors / baseline.requests;
  const rate = after.errors / after.requests;
  const rateLimit = baseRate * (1 + t.errorRateIncrease) + t.errorRateSlack;
  const baseP95 = p95FromBuckets(baseline.latencyBuckets);
  const p95 = p95FromBuckets(after.latencyBuckets);
  const p95Limit = baseP95 === null ? null : baseP95 * (1 + t.p95Increase);
  const checks: RecoveryCheck[] = [
    {
      metric: "error_rate",
      baseline: round(baseRate),
      after: round(rate),
      limit: round(rateLimit),
      ok: rate <= rateLimit,
    },
    {
      metric: "p95_latency_ms",
      baseline: baseP95,
      after: p95,
      limit: p95Limit,
      ok: p95Limit === null || p95 === null ? null : p95 <= p95Limit,
    },
  ];
  const failed = checks.filter((c) => c.ok === false);
  if (failed.length) {
    return {
      verdict: "not_recovered",
      summary: `Not back to baseline: ${failed.map(describe).join("; ")}.`,
      baseline: base,
      after: now,
      checks,
      thresholds: t,
    };
  }
  if (checks.some((c) => c.ok === null)) {
    return {
      verdict: "inconclusive",
      summary: "No latency histogram to compare p95 with.",
      baseline: base,
      after: now,
      checks,
      thresholds: t,
    };
  }
  return {
    verdict: "recovered",
    summary: `Back to baseline over ${after.requests} requests: ${checks.map(describe).join("; ")}.`,
    baseline: base,
    after: now,
    checks,
    thresholds: t,
  };
}

function describe(c: RecoveryCheck): string {
  if (c.metric === "error_rate")
    return `error rate ${pct(c.after)} (baseline ${pct(c.baseline)}, limit ${pct(c.limit)})`;
  return `p95 ≤ ${ms(c.after)} (baseline ≤ ${ms(c.baseline)}, limit ${ms(c.limit)})`;
}

function pct(v: number | null) {
  return v === null ? "—" : `${(v * 100).toFixed(2)} %`;
}

function ms(v: number | null) {
  return v === null ? "—" : v === Infinity ? `> ${LATENCY_BUCKET_BOUNDS_MS.at(-1)} ms` : `${v} ms`;
}

function round(n: number) {
  return Math.round(n * 1e6) / 1e6;
}
