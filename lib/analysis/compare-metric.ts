// One challenger-vs-champion comparison of one metric on one segment: the test, and the rule
// that turns it into pass / fail / waiting / inconclusive. Pure.
import { sequentialTwoSidedTTest } from "./stats/sequential";
import { passMarginOf, type CompareGate } from "./default-gates";
import { formatMetricValue, higherIsWorse, metricNoun } from "./metric-catalogue";
import { proportionUpperBound } from "./confidence-sequence";
import {
  armStatistics,
  isLatencyMetric,
  latencyLine,
  passAllowance,
  QUANTILE,
  smoothed,
  tuningOf,
  type ArmValue,
  type LatencyMetric,
} from "./gate-statistics";
import { samplesToPass } from "./gate-power";
import { countAbove, histogramQuantile, type ArmTotals } from "./window";
import type { Verdict } from "@/lib/strategies/plan";

export type { ArmValue } from "./gate-statistics";

/** Observations below which a normal-approximation test isn't trusted even when it says "significant". */
const MIN_TESTABLE = 30;

/**
 * Decision rule (docs/concepts/gates.md):
 * - fail: harmful difference significant after Holm correction (always-valid p ≤ alpha) AND the
 *   point estimate beyond the gate's threshold (and, for latency, beyond its absolute floor in ms);
 * - pass: the champion has minSamples, the challenger at least minSamples, AND the always-valid
 *   bound rules out a regression of the pass allowance;
 * - waiting (for data): the challenger has fewer than `required` samples: minSamples, or more
 *   when the champion's baseline needs more for a good challenger to pass (gate-power.ts);
 * - inconclusive: it has its samples and still can't decide (never pass on thin data).
 */
export class MetricComparison {
  tested = false;
  pValue = 1;
  adjustedPValue = 1;
  decision: Verdict = "waiting";
  note = "";
  /** Challenger samples this comparison waits for (≥ minSamples; Infinity: it can't pass at any size). */
  required: number;
  /** Harm = challenger − champion in the harmful direction (absolute), with its interval. */
  harm = NaN;
  harmInterval: [number, number] = [NaN, NaN];
  failMargin = NaN;
  passBoundOk = false;
  passBound: Record<string, number> = {};
  readonly gate: CompareGate;
  readonly challenger: string;
  readonly segment: string;
  /** The champion's value and sample. */
  readonly control: ArmValue;
  /** The challenger's value and sample. */
  readonly treatment: ArmValue;
  readonly passMargin: number;

  constructor(init: {
    gate: CompareGate;
    challenger: string;
    segment: string;
    control: ArmValue;
    treatment: ArmValue;
    passMargin: number;
  }) {
    this.gate = init.gate;
    this.challenger = init.challenger;
    this.segment = init.segment;
    this.control = init.control;
    this.treatment = init.treatment;
    this.passMargin = init.passMargin;
    this.required = init.gate.minSamples;
  }

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
      this.note =
        this.treatment.n === 0 ? "no challenger data in the window yet" : "no champion data in the window yet";
      return "waiting";
    }
    const latency = isLatencyMetric(this.gate.metric);
    const beyond = latency
      ? this.relativeEffect > this.gate.threshold &&
        this.treatment.value - this.control.value > (this.gate.absoluteFloor ?? 0)
      : this.harm > this.failMargin;
    const smallest = Math.min(this.control.n, this.treatment.n);
    if (this.tested && smallest >= MIN_TESTABLE && this.adjustedPValue <= alpha && this.harm > 0 && beyond) {
      this.note = "worse beyond the threshold with significance";
      return "fail";
    }
    if (this.enough && this.passBoundOk) {
      this.note = "within limits";
      return "pass";
    }
    if (this.control.n < this.gate.minSamples) {
      this.note = `${this.control.n} of ${this.gate.minSamples} on the champion`;
      return "waiting";
    }
    const need = Number.isFinite(this.required) ? this.required : this.gate.minSamples;
    if (this.treatment.n < need) {
      this.note = `${this.treatment.n} of ${need} on ${this.challenger}`;
      return "waiting";
    }
    this.note = Number.isFinite(this.required)
      ? `${this.treatment.n} samples and still can't rule out a ${Math.round(this.passMargin * 100)} % regression`
      : "can't pass at any sample size: the pass margin allows no regression at this baseline";
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
      required: Number.isFinite(this.required) ? this.required : null,
      decision: this.decision,
      note: this.note,
    };
  }
}

/** One gate's metric for one challenger on one segment, with both arms' totals. */
export interface Comparand {
  gate: CompareGate;
  challenger: string;
  segment: string;
  champion: ArmTotals;
  candidate: ArmTotals;
}

/** Builds and tests one comparison (p-values are adjusted later, across the family). */
export function compareMetric(comparand: Comparand): MetricComparison {
  const { gate, challenger, segment, champion, candidate } = comparand;
  const alpha = gate.alpha;
  const tuning = tuningOf(gate);
  const pm = passMarginOf(gate);
  const sign = higherIsWorse(gate.metric) ? 1 : -1;
  if (isLatencyMetric(gate.metric)) return compareLatency(comparand, gate.metric);
  const [c, t, cv, tv] = armStatistics(gate.metric, champion, candidate);
  const cmp = new MetricComparison({ gate, challenger, segment, control: cv, treatment: tv, passMargin: pm });
  cmp.required = requiredSamples(gate, champion, cv.n, tv.n);
  if (cv.n === 0 || tv.n === 0) return cmp;
  const seq = sequentialTwoSidedTTest(c, t, { alpha, differenceType: "absolute", tuningParameter: tuning });
  cmp.tested = seq.errorMessage === null;
  cmp.pValue = cmp.tested ? seq.pValue : 1;
  cmp.harm = sign * (tv.value - cv.value);
  const [lo, hi] = seq.ci;
  cmp.harmInterval = sign > 0 ? [lo, hi] : [-hi, -lo];
  cmp.failMargin = gate.threshold * Math.abs(cv.value);
  const passAbs = passAllowance(gate, cv.value);
  cmp.passBound = { harmUpper: cmp.harmInterval[1], allowed: passAbs };
  cmp.passBoundOk = cmp.tested && cmp.harmInterval[1] < passAbs;
  return cmp;
}

/**
 * Latency quantiles from histograms: the test is on the tail, the share of requests slower than
 * the champion's quantile (a heavier challenger tail is the regression). Pass needs the
 * always-valid upper bound of the challenger's share above the latency line (the pass margin, and
 * at least the absolute floor, above the champion's quantile) to stay under 1 − q, i.e. its
 * quantile is below that line with confidence.
 */
function compareLatency(
  { gate, challenger, segment, champion, candidate }: Comparand,
  metric: LatencyMetric,
): MetricComparison {
  const q = QUANTILE[metric];
  const tuning = tuningOf(gate);
  const nc = sum(champion.latencyBuckets);
  const nt = sum(candidate.latencyBuckets);
  const lc = histogramQuantile(champion.latencyBuckets, q);
  const lt = histogramQuantile(candidate.latencyBuckets, q);
  const cmp = new MetricComparison({
    gate,
    challenger,
    segment,
    control: { n: nc, value: lc },
    treatment: { n: nt, value: lt },
    passMargin: passMarginOf(gate),
  });
  cmp.required = requiredSamples(gate, champion, nc, nt);
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
  const line = latencyLine(gate, lc);
  const upper = proportionUpperBound(countAbove(candidate.latencyBuckets, line), nt, gate.alpha, tuning);
  cmp.passBound = { lineMs: line, shareAboveUpper: upper, allowed: 1 - q };
  cmp.passBoundOk = upper < 1 - q;
  return cmp;
}

/**
 * The challenger sample a comparison waits for: minSamples, or more when the champion's baseline
 * (and the traffic split seen so far) needs more for a good challenger to pass. Before the
 * champion has data, minSamples.
 */
function requiredSamples(gate: CompareGate, champion: ArmTotals, nc: number, nt: number): number {
  if (nc === 0) return gate.minSamples;
  const n = samplesToPass(gate, champion, nt > 0 ? nc / nt : 1);
  return Number.isNaN(n) ? gate.minSamples : Math.max(gate.minSamples, n);
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
