// The statistics a compare gate is judged on, in one place: how an arm becomes a test statistic,
// how much regression a pass must rule out, and where the latency line lies. compare-metric.ts
// judges with them and gate-power.ts plans sample sizes with them, so the two never disagree. Pure.
import { proportionStatistic, sampleMeanStatistic, type ArmStatistic } from "./stats/growthbook-statistic";
import { passMarginOf, type CompareGate } from "./default-gates";
import type { ArmTotals } from "./window";

export const QUANTILE = { latency_p50: 0.5, latency_p95: 0.95, latency_p99: 0.99 } as const;
export type LatencyMetric = keyof typeof QUANTILE;

export interface ArmValue {
  n: number;
  value: number;
}

export function isLatencyMetric(metric: CompareGate["metric"]): metric is LatencyMetric {
  return metric in QUANTILE;
}

/** The n at which the always-valid sequence is tightest (mixture tuning). */
export function tuningOf(gate: CompareGate): number {
  return Math.max(5_000, 10 * gate.minSamples);
}

/**
 * The regression (absolute, in the metric's unit) a pass must rule out: the pass margin relative
 * to the champion's value, never less than the gate's absolute floor (rates near zero).
 */
export function passAllowance(gate: CompareGate, championValue: number): number {
  return Math.max(passMarginOf(gate) * Math.abs(championValue), gate.absoluteFloor ?? 0);
}

/**
 * Latency: the line (ms) the challenger's quantile must stay under with confidence to pass: the
 * pass margin above the champion's quantile, and at least `absoluteFloor` ms above it, so a
 * challenger a few ms slower than a fast champion is not a regression.
 */
export function latencyLine(gate: CompareGate, championQuantileMs: number): number {
  return Math.max((1 + passMarginOf(gate)) * championQuantileMs, championQuantileMs + (gate.absoluteFloor ?? 0));
}

/** Agresti–Caffo (+1 success, +2 trials): keeps the variance positive when an arm has 0 errors. */
export function smoothed(x: number, n: number): ArmStatistic {
  const s = proportionStatistic(n + 2, Math.min(x, n) + 1);
  return { ...s, n };
}

/** Test statistics and plain values of both arms for a rate or mean metric. */
export function armStatistics(
  metric: Exclude<CompareGate["metric"], LatencyMetric>,
  a: ArmTotals,
  b: ArmTotals,
): [ArmStatistic, ArmStatistic, ArmValue, ArmValue] {
  const [ca, va] = armStatistic(metric, a);
  const [cb, vb] = armStatistic(metric, b);
  return [ca, cb, va, vb];
}

export function armStatistic(
  metric: Exclude<CompareGate["metric"], LatencyMetric>,
  t: ArmTotals,
): [ArmStatistic, ArmValue] {
  const prop = (x: number, n: number): [ArmStatistic, ArmValue] => [smoothed(x, n), { n, value: n > 0 ? x / n : NaN }];
  switch (metric) {
    case "error_rate":
      return prop(t.errors, t.requests);
    case "accuracy":
      return prop(t.correct, t.labelled);
    case "conversion_rate":
      return prop(t.conversions, t.requests);
    case "reward_mean":
      return [
        sampleMeanStatistic(t.outcomeCount, t.outcomeSum, t.outcomeSumSq),
        { n: t.outcomeCount, value: t.outcomeCount > 0 ? t.outcomeSum / t.outcomeCount : NaN },
      ];
  }
}

/** The sample a gate counts on one arm: requests, labelled answers, rewards, or latency observations. */
export function sampleOf(metric: CompareGate["metric"], t: ArmTotals): number {
  if (isLatencyMetric(metric)) return t.latencyBuckets.reduce((s, c) => s + c, 0);
  return armStatistic(metric, t)[1].n;
}

/** What a sample of this metric is called on the page. */
export function sampleNoun(metric: CompareGate["metric"]): string {
  return metric === "accuracy" ? "labelled answers" : metric === "reward_mean" ? "rewards" : "requests";
}
