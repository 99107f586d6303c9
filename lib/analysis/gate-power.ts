// How many samples a gate needs before it can pass a good challenger. A gate's minSamples is a
// floor a person chose; whether a challenger as good as the champion can pass at that size depends
// on the champion's baseline (0 errors in 500 requests can't rule out a 0.5 point rise: about
// 900 can) and on the always-valid test the gate uses. This computes the sample at which such a
// challenger passes with probability ≥ PASS_POWER under that very test (gate-statistics.ts), so a
// gate waits for data until then instead of reporting "inconclusive" at a size where it could
// never have passed. Pure.
import { normCdf } from "./stats/distributions";
import { sequentialTwoSidedTTest } from "./stats/sequential";
import { proportionUpperBound } from "./confidence-sequence";
import type { CompareGate } from "./default-gates";
import { higherIsWorse } from "./metric-catalogue";
import {
  armStatistic,
  isLatencyMetric,
  latencyLine,
  passAllowance,
  QUANTILE,
  smoothed,
  tuningOf,
  type LatencyMetric,
} from "./gate-statistics";
import { countAbove, histogramQuantile, type ArmTotals } from "./window";

/** The chance a challenger as good as the champion passes at the planned sample. */
export const PASS_POWER = 0.9;
const CAP = 10_000_000;

/**
 * P(pass) for a challenger no worse than the champion, with `n` samples on the challenger and
 * `n × championPerChallenger` on the champion, at the champion's observed baseline. NaN when the
 * champion has no data yet (nothing to plan from).
 */
export function passProbability(
  gate: CompareGate,
  champion: ArmTotals,
  n: number,
  championPerChallenger: number,
): number {
  if (!(n > 0)) return 0;
  const nc = Math.max(1, n * championPerChallenger);
  if (isLatencyMetric(gate.metric)) return latencyPassProbability(gate, gate.metric, champion, n);
  const [stat, value] = armStatistic(gate.metric, champion);
  if (value.n === 0 || !Number.isFinite(value.value)) return NaN;
  const isMean = gate.metric === "reward_mean";
  const p = value.value;
  const control = isMean ? { ...stat, n: nc } : smoothed(p * nc, nc);
  const treatment = isMean ? { ...stat, n } : smoothed(p * n, n);
  const seq = sequentialTwoSidedTTest(control, treatment, {
    alpha: gate.alpha,
    differenceType: "absolute",
    tuningParameter: tuningOf(gate),
  });
  if (seq.errorMessage) return isMean ? NaN : 0;
  const sign = higherIsWorse(gate.metric) ? 1 : -1;
  const center = sign * seq.expected;
  const width = (seq.ci[1] - seq.ci[0]) / 2;
  const slack = passAllowance(gate, p) - center - width;
  const se = seq.uplift.stddev;
  return se > 0 ? normCdf(slack / se) : slack > 0 ? 1 : 0;
}

/**
 * The smallest challenger sample (≥ 1) at which passProbability reaches `power`; Infinity when no
 * sample up to ten million gets there (e.g. a pass margin of 0); NaN without a baseline.
 */
export function samplesToPass(
  gate: CompareGate,
  champion: ArmTotals,
  championPerChallenger: number,
  power = PASS_POWER,
): number {
  const at = (n: number) => passProbability(gate, champion, n, championPerChallenger);
  let hi = 16;
  let p = at(hi);
  if (Number.isNaN(p)) return NaN;
  while (p < power && hi < CAP) {
    hi = Math.min(CAP, hi * 2);
    p = at(hi);
  }
  if (p < power) return Infinity;
  let lo = 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid) >= power) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Latency: the challenger passes when the always-valid upper bound of its share above the line
 * stays under 1 − q; an equal challenger has the champion's share above that line.
 */
function latencyPassProbability(gate: CompareGate, metric: LatencyMetric, champion: ArmTotals, n: number): number {
  const nc = champion.latencyBuckets.reduce((s, c) => s + c, 0);
  if (nc === 0) return NaN;
  const q = QUANTILE[metric];
  const line = latencyLine(gate, histogramQuantile(champion.latencyBuckets, q));
  const share = countAbove(champion.latencyBuckets, line) / nc;
  const upper = proportionUpperBound(share * n, n, gate.alpha, tuningOf(gate));
  const slack = 1 - q - upper;
  const se = Math.sqrt((share * (1 - share)) / n);
  return se > 0 ? normCdf(slack / se) : slack > 0 ? 1 : 0;
}
