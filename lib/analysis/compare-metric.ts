// One challenger-vs-champion comparison of one metric on one segment: the test, and the rule
// that turns it into pass / fail / inconclusive. Pure.
import { sequentialTwoSidedTTest } from "./stats/sequential";
import { proportionStatistic, sampleMeanStatistic, type ArmStatistic } from "./stats/growthbook-statistic";
import { passMarginOf, type CompareGate } from "./default-gates";
import { formatMetricValue, higherIsWorse, metricNoun } from "./metric-catalogue";
import { proportionUpperBound } from "./confidence-sequence";
import { countAbove, histogramQuantile, type ArmTotals } from "./window";
import type { Verdict } from "@/lib/strategies/plan";

const QUANTILE = { latency_p50: 0.5, latency_p95: 0.95, latency_p99: 0.99 } as const;
/** Observations below which a normal-approximation test isn't trusted even when it says "significant". */
const MIN_TESTABLE = 30;

export interface ArmValue {
  n: number;
  value: number;
}

/**
 * Decision rule (documented in docs/concepts/gates.md):
 * - fail: harmful difference significant after Holm correction (always-valid p ≤ alpha) AND the
 *   point estimate beyond the gate's threshold;
 * - pass: both arms have minSamples AND the always-valid bound rules out a regression of passMargin;
 * - otherwise inconclusive (never pass on missing or thin data).
 */
export class MetricComparison {
  tested = false;
  pValue = 1;
  adjustedPValue = 1;
  decision: Verdict = "inconclusive";
  note = "";
  /** Harm = challenger − champion in the harmful direction (absolute), with its interval. */
  harm = NaN;
  harmInterval: [number, number] = [NaN, NaN];
  failMargin = NaN;
  passBoundOk = false;
  passBound: Record<string, number> = {};
  constructor(
    readonly gate: CompareGate,
    readonly challenger: string,
    readonly segment: string,
    readonly control: ArmValue,
    readonly treatment: ArmValue,
    readonly passMargin: number,
  ) {}

  get relativeEffect(): number {
    return this.control.value === 0
      ? this.treatment.value === 0
        ? 0
        : Infinity
      : this.treatment.value / this.control.value - 1;
  }

  get enough(): boolean {
    return this.control.n >= this.gate.minSamples && this.treatment.n >= this.gate.minSamples;
  }

  decide(alpha: number): Verdict {
    if (this.control.n === 0 || this.treatment.n === 0) {
      this.note = this.treatment.n === 0 ? "no challenger data in the window" : "no champion data in the window";
      return "inconclusive";
    }
    const beyond = this.gate.metric.startsWith("latency_")
      ? this.relativeEffect > this.gate.threshold
      : this.harm > this.failMargin;
    const smallest = Math.min(this.control.n, this.treatment.n);
    if (this.tested && smallest >= MIN_TESTABLE && this.adjustedPValue <= alpha && this.harm > 0 && beyond) {
      this.note = "worse beyond the threshold with significance";
      return "fail";
    }
    if (!this.enough) {
      this.note = `${smallest} of ${this.gate.minSamples} samples per arm`;
      return "inconclusive";
    }
    if (this.passBoundOk) {
      this.note = "within limits";
      return "pass";
    }
    this.note = `not enough evidence yet to rule out a ${Math.round(this.passMargin * 100)} % regression`;
    return "inconclusive";
  }

  describe(): string {
    const m = this.gate.metric;
    const fmt = (v: number) => formatMetricValue(m, v);
    const rel = Number.isFinite(this.relativeEffect)
      ? `${this.relativeEffect >= 0 ? "+" : ""}${(this.relativeEffect * 100).toFixed(1)} %`
      : "new";
    const limit = higherIsWorse(m)
      ? `+${Math.round(this.gate.threshold * 100)} %`
      : `−${Math.round(this.gate.threshold * 100)} %`;
    const p = this.tested
      ? `, p = ${this.adjustedPValue < 0.0001 ? this.adjustedPValue.toExponential(1) : this.adjustedPValue.toFixed(4)} (sequential, Holm)`
      : "";
    return `${metricNoun(m)} ${fmt(this.treatment.value)} on ${this.challenger} vs ${fmt(this.control.value)} (${rel}, limit ${limit}; n = ${this.treatment.n} vs ${this.control.n}${p})`;
  }

  toEvidence() {
    return {
      challenger: this.challenger,
      segment: this.segment,
      champion: this.control,
      challengerValue: this.treatment,
      relativeEffect: Number.isFinite(this.relativeEffect) ? this.relativeEffect : null,
      harm: this.harm,
      harmInterval: this.harmInterval,
      failMargin: this.failMargin,
      passMargin: this.passMargin,
      passBound: this.passBound,
      pValue: this.tested ? this.pValue : null,
      adjustedPValue: this.tested ? this.adjustedPValue : null,
      enoughSamples: this.enough,
      decision: this.decision,
      note: this.note,
    };
  }
}

/** Builds and tests one comparison (p-values are adjusted later, across the family). */
export function compareMetric(
  gate: CompareGate,
  challenger: string,
  segment: string,
  champion: ArmTotals,
  candidate: ArmTotals,
): MetricComparison {
  const alpha = gate.alpha;
  const tuning = Math.max(5_000, 10 * gate.minSamples);
  const pm = passMarginOf(gate);
  const sign = higherIsWorse(gate.metric) ? 1 : -1;
  if (gate.metric in QUANTILE) return compareLatency(gate, challenger, segment, champion, candidate, pm, tuning);
  const [c, t, cv, tv] = armStatistics(gate.metric, champion, candidate);
  const cmp = new MetricComparison(gate, challenger, segment, cv, tv, pm);
  if (cv.n === 0 || tv.n === 0) return cmp;
  const seq = sequentialTwoSidedTTest(c, t, { alpha, differenceType: "absolute", tuningParameter: tuning });
  cmp.tested = seq.errorMessage === null;
  cmp.pValue = cmp.tested ? seq.pValue : 1;
  cmp.harm = sign * (tv.value - cv.value);
  const [lo, hi] = seq.ci;
  cmp.harmInterval = sign > 0 ? [lo, hi] : [-hi, -lo];
  cmp.failMargin = gate.threshold * Math.abs(cv.value);
  const passAbs = Math.max(pm * Math.abs(cv.value), gate.absoluteFloor ?? 0);
  cmp.passBound = { harmUpper: cmp.harmInterval[1], allowed: passAbs };
  cmp.passBoundOk = cmp.tested && cmp.harmInterval[1] < passAbs;
  return cmp;
}

/**
 * Latency quantiles from histograms: the test is on the tail, the share of requests slower than
 * the champion's quantile (a heavier challenger tail is the regression). Pass needs the
 * always-valid upper bound of the challenger's share above (1 + passMargin) × the champion's
 * quantile to stay under 1 − q, i.e. its quantile is below that line with confidence.
 */
function compareLatency(
  gate: CompareGate,
  challenger: string,
  segment: string,
  champion: ArmTotals,
  candidate: ArmTotals,
  pm: number,
  tuning: number,
): MetricComparison {
  const q = QUANTILE[gate.metric as keyof typeof QUANTILE];
  const nc = sum(champion.latencyBuckets);
  const nt = sum(candidate.latencyBuckets);
  const lc = histogramQuantile(champion.latencyBuckets, q);
  const lt = histogramQuantile(candidate.latencyBuckets, q);
  const cmp = new MetricComparison(gate, challenger, segment, { n: nc, value: lc }, { n: nt, value: lt }, pm);
  if (nc === 0 || nt === 0) return cmp;
  const ec = countAbove(champion.latencyBuckets, lc);
  const et = countAbove(candidate.latencyBuckets, lc);
  const seq = sequentialTwoSidedTTest(smoothed(ec, nc), smoothed(et, nt), {
    alpha: gate.alpha,
    differenceType: "absolute",
    tuningParameter: tuning,
  });
  cmp.tested = seq.errorMessage === null;
  cmp.pValue = cmp.tested ? seq.pValue : 1;
  cmp.harm = et / nt - ec / nc;
  cmp.harmInterval = seq.ci;
  cmp.failMargin = gate.threshold;
  const line = (1 + pm) * lc;
  const upper = proportionUpperBound(countAbove(candidate.latencyBuckets, line), nt, gate.alpha, tuning);
  cmp.passBound = { lineMs: line, shareAboveUpper: upper, allowed: 1 - q };
  cmp.passBoundOk = upper < 1 - q;
  return cmp;
}

function armStatistics(
  metric: CompareGate["metric"],
  a: ArmTotals,
  b: ArmTotals,
): [ArmStatistic, ArmStatistic, ArmValue, ArmValue] {
  const prop = (x: number, n: number): [ArmStatistic, ArmValue] => [smoothed(x, n), { n, value: n > 0 ? x / n : NaN }];
  let ca: [ArmStatistic, ArmValue];
  let cb: [ArmStatistic, ArmValue];
  switch (metric) {
    case "error_rate":
      ca = prop(a.errors, a.requests);
      cb = prop(b.errors, b.requests);
      break;
    case "accuracy":
      ca = prop(a.correct, a.labelled);
      cb = prop(b.correct, b.labelled);
      break;
    case "conversion_rate":
      ca = prop(a.conversions, a.requests);
      cb = prop(b.conversions, b.requests);
      break;
    default: {
      const mean = (t: ArmTotals): [ArmStatistic, ArmValue] => [
        sampleMeanStatistic(t.outcomeCount, t.outcomeSum, t.outcomeSumSq),
        { n: t.outcomeCount, value: t.outcomeCount > 0 ? t.outcomeSum / t.outcomeCount : NaN },
      ];
      ca = mean(a);
      cb = mean(b);
    }
  }
  return [ca[0], cb[0], ca[1], cb[1]];
}

/** Agresti–Caffo (+1 success, +2 trials): keeps the variance positive when an arm has 0 errors. */
function smoothed(x: number, n: number): ArmStatistic {
  const s = proportionStatistic(n + 2, Math.min(x, n) + 1);
  return { ...s, n };
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
