// The A/B test report: per metric effect, fixed-horizon and sequential p-values, chance to beat,
// sample-ratio check, power and sample size still needed, Holm correction, and a decision a
// manager can act on. Pure: window totals in, report out.
import { betaBinomialChanceToBeat } from "./stats/bayes";
import { effectBayesianTest } from "./stats/growthbook-bayesian";
import { twoSidedTTest } from "./stats/growthbook-frequentist";
import { proportionStatistic, sampleMeanStatistic, type ArmStatistic } from "./stats/growthbook-statistic";
import { holm } from "./stats/multiple-comparisons";
import { powerTwoProportions, sampleSizeTwoProportions, sampleSizeMeans } from "./stats/sample-size";
import { sequentialTwoSidedTTest } from "./stats/sequential";
import { sampleRatioMismatch, type SrmResult } from "./stats/srm";
import { higherIsWorse, metricLabel, metricNoun, type MetricName } from "./metric-catalogue";
import { armOf, type ArmTotals, type WindowData } from "./window";

/** The metrics the report compares, in its row order; direction and labels are in the catalogue. */
export const REPORT_METRICS = [
  "conversion_rate",
  "accuracy",
  "error_rate",
  "reward_mean",
] as const satisfies readonly MetricName[];
export type ReportMetric = (typeof REPORT_METRICS)[number];

export interface MetricRow {
  metric: ReportMetric;
  challenger: string;
  primary: boolean;
  champion: { n: number; value: number };
  candidate: { n: number; value: number };
  /** Relative effect (challenger / champion − 1) with its fixed-horizon 95 % interval. */
  relativeEffect: number;
  interval: [number, number];
  sequentialInterval: [number, number];
  pValueFixed: number;
  pValueSequential: number;
  /** Sequential p after Holm across all rows. */
  pValueAdjusted: number;
  chanceToBeat: number;
  significant: boolean;
  better: boolean | null;
  power: number | null;
  sampleSizePerArm: number | null;
  remainingPerArm: number | null;
  note: string | null;
}

export interface AbDecision {
  outcome: "ship_challenger" | "keep_champion" | "keep_running" | "invalid";
  winner: string | null;
  headline: string;
  detail: string;
}

export interface AbReport {
  primaryMetric: ReportMetric;
  alpha: number;
  minimumDetectableEffect: number;
  correction: string;
  srm: SrmResult | null;
  rows: MetricRow[];
  decision: AbDecision;
}

export interface AbReportOptions {
  primaryMetric?: string;
  /** Expected split in basis points by variant (for the SRM check). */
  split?: Record<string, number>;
  alpha?: number;
  /** Relative effect the test was planned to detect (default 5 %). */
  minimumDetectableEffect?: number;
  /** Observed units per day per arm, to turn "samples still needed" into days. */
  dailyUnitsPerArm?: number;
  /** Skip chance to beat and power (simulations that only need the decision). */
  light?: boolean;
}

/** config.primaryMetric as a report metric ("conversion", "reward", "accuracy"...). */
export function primaryMetricOf(value: unknown): ReportMetric {
  const v = String(value ?? "conversion_rate").toLowerCase();
  if (v.startsWith("conversion")) return "conversion_rate";
  if (v.startsWith("accuracy") || v === "label") return "accuracy";
  if (v.startsWith("error")) return "error_rate";
  if (v.startsWith("reward")) return "reward_mean";
  return "conversion_rate";
}

export function abTestReport(window: WindowData, opts: AbReportOptions = {}): AbReport {
  const alpha = opts.alpha ?? 0.05;
  const mde = opts.minimumDetectableEffect ?? 0.05;
  const primary = primaryMetricOf(opts.primaryMetric);
  const champ = armOf(window, window.champion);
  const rows: MetricRow[] = [];
  for (const ch of window.challengers) {
    const cand = armOf(window, ch);
    for (const metric of REPORT_METRICS) {
      const row = metricRow({
        metric,
        challenger: ch,
        primary: metric === primary,
        champion: champ,
        candidate: cand,
        plan: { alpha, mde, dailyUnitsPerArm: opts.dailyUnitsPerArm, light: opts.light ?? false },
      });
      if (row) rows.push(row);
    }
  }
  const tested = rows.filter((r) => Number.isFinite(r.pValueSequential));
  const adjusted = tested.length ? holm(tested.map((r) => r.pValueSequential)) : [];
  tested.forEach((r, i) => {
    r.pValueAdjusted = adjusted[i];
    r.significant = adjusted[i] <= alpha;
  });
  const variants = [window.champion, ...window.challengers];
  const split = opts.split && variants.every((v) => (opts.split![v] ?? 0) > 0) ? opts.split : null;
  const srm = split
    ? sampleRatioMismatch(
        variants.map((v) => armOf(window, v).requests),
        variants.map((v) => split[v]),
      )
    : null;
  return {
    primaryMetric: primary,
    alpha,
    minimumDetectableEffect: mde,
    correction: `Holm across ${tested.length} metric comparisons (sequential p-values)`,
    srm,
    rows,
    decision: decide(rows, primary, srm, window),
  };
}

interface MetricRowInput {
  metric: ReportMetric;
  challenger: string;
  primary: boolean;
  champion: ArmTotals;
  candidate: ArmTotals;
  plan: { alpha: number; mde: number; dailyUnitsPerArm?: number; light: boolean };
}

function metricRow({ metric, challenger, primary, champion, candidate, plan }: MetricRowInput): MetricRow | null {
  const { alpha, mde, dailyUnitsPerArm: daily, light } = plan;
  const pair = stats(metric, champion, candidate);
  if (!pair) return null;
  const [sa, sb] = pair;
  const base = {
    metric,
    challenger,
    primary,
    champion: { n: sa.n, value: sa.mean },
    candidate: { n: sb.n, value: sb.mean },
  };
  const fixed = twoSidedTTest(sa, sb, { alpha, differenceType: "relative" });
  const seq = sequentialTwoSidedTTest(sa, sb, { alpha, differenceType: "relative" });
  const proportion = metric !== "reward_mean";
  const higher = !higherIsWorse(metric);
  let chance = NaN;
  if (light) {
    // decision-only: no Bayesian posterior
  } else if (proportion) {
    const ctb = betaBinomialChanceToBeat(
      { successes: Math.round(sa.mean * sa.n), trials: sa.n },
      { successes: Math.round(sb.mean * sb.n), trials: sb.n },
    ).chanceToBeatControl;
    chance = higher ? ctb : 1 - ctb;
  } else {
    chance = effectBayesianTest(sa, sb, { differenceType: "relative" }).chanceToWin;
  }
  const usable = fixed.errorMessage === null;
  let power: number | null = null;
  let needed: number | null = null;
  if (primary && sa.mean > 0 && !light) {
    if (proportion) {
      const target = Math.min(0.9999, Math.max(0.0001, sa.mean * (1 + (higher ? mde : -mde))));
      power = powerTwoProportions(sa.mean, target, Math.min(sa.n, sb.n), alpha);
      needed = sampleSizeTwoProportions({ pControl: sa.mean, pTreatment: target, alpha }).nPerArm;
    } else if (sa.variance > 0) {
      needed = sampleSizeMeans({ delta: Math.abs(sa.mean) * mde, sdControl: Math.sqrt(sa.variance), alpha }).nPerArm;
    }
  }
  const remaining = needed === null ? null : Math.max(0, needed - Math.min(sa.n, sb.n));
  const note = !usable
    ? fixed.errorMessage
    : remaining && daily
      ? `≈ ${Math.ceil(remaining / daily)} more day(s) at the current rate`
      : null;
  return {
    ...base,
    relativeEffect: usable ? fixed.expected : NaN,
    interval: usable ? fixed.ci : [NaN, NaN],
    sequentialInterval: usable ? seq.ci : [NaN, NaN],
    pValueFixed: usable ? fixed.pValue : NaN,
    pValueSequential: usable ? seq.pValue : NaN,
    pValueAdjusted: NaN,
    chanceToBeat: chance,
    significant: false,
    better: usable ? fixed.expected > 0 === higher : null,
    power,
    sampleSizePerArm: needed,
    remainingPerArm: remaining,
    note,
  };
}

function stats(metric: ReportMetric, a: ArmTotals, b: ArmTotals): [ArmStatistic, ArmStatistic] | null {
  const prop = (x: number, n: number) => proportionStatistic(n, x);
  switch (metric) {
    case "conversion_rate":
      return a.conversions + b.conversions > 0 && a.requests > 0 && b.requests > 0
        ? [prop(a.conversions, a.requests), prop(b.conversions, b.requests)]
        : null;
    case "accuracy":
      return a.labelled > 0 && b.labelled > 0 ? [prop(a.correct, a.labelled), prop(b.correct, b.labelled)] : null;
    case "error_rate":
      return a.requests > 0 && b.requests > 0 ? [prop(a.errors, a.requests), prop(b.errors, b.requests)] : null;
    case "reward_mean":
      return a.outcomeCount > 1 && b.outcomeCount > 1
        ? [
            sampleMeanStatistic(a.outcomeCount, a.outcomeSum, a.outcomeSumSq),
            sampleMeanStatistic(b.outcomeCount, b.outcomeSum, b.outcomeSumSq),
          ]
        : null;
  }
}

function decide(rows: MetricRow[], primary: ReportMetric, srm: SrmResult | null, window: WindowData): AbDecision {
  const label = metricLabel(primary);
  const noun = metricNoun(primary);
  if (srm?.mismatch) {
    return {
      outcome: "invalid",
      winner: null,
      headline: "Don't decide: the traffic split is off",
      detail: `Sample ratio mismatch (χ² p = ${srm.pValue.toExponential(1)}): assignment or logging is broken, so no effect here can be trusted. Fix it and restart the test.`,
    };
  }
  const primaries = rows.filter((r) => r.metric === primary);
  if (primaries.length === 0) {
    return {
      outcome: "keep_running",
      winner: null,
      headline: "Keep running: no data on the primary metric yet",
      detail: `${label} has no observations in both arms.`,
    };
  }
  const regressed = (ch: string) =>
    rows.filter((r) => r.challenger === ch && !r.primary && r.significant && r.better === false);
  const winners = primaries
    .filter((r) => r.significant && r.better && regressed(r.challenger).length === 0)
    .sort((x, y) => y.relativeEffect - x.relativeEffect);
  if (winners.length) {
    const w = winners[0];
    return {
      outcome: "ship_challenger",
      winner: w.challenger,
      headline: `Ship ${w.challenger}`,
      detail: `${label} ${pct(w.relativeEffect)} (95 % CI ${pct(w.interval[0])} to ${pct(w.interval[1])}), significant after correction (p = ${fmtP(w.pValueAdjusted)}), chance to beat ${(w.chanceToBeat * 100).toFixed(1)} %, no guardrail regressed.`,
    };
  }
  const blocked = primaries.find((r) => r.significant && r.better && regressed(r.challenger).length);
  if (blocked) {
    const g = regressed(blocked.challenger)[0];
    return {
      outcome: "keep_champion",
      winner: window.champion,
      headline: `Keep ${window.champion}: ${blocked.challenger} wins on ${noun} but regresses ${metricNoun(g.metric)}`,
      detail: `${metricLabel(g.metric)} ${pct(g.relativeEffect)} (p = ${fmtP(g.pValueAdjusted)}).`,
    };
  }
  const losers = primaries.filter((r) => r.significant && r.better === false);
  if (losers.length === primaries.length) {
    const l = losers[0];
    return {
      outcome: "keep_champion",
      winner: window.champion,
      headline: `Keep ${window.champion}`,
      detail: `${l.challenger} is worse on ${noun}: ${pct(l.relativeEffect)} (p = ${fmtP(l.pValueAdjusted)}).`,
    };
  }
  const remaining = Math.max(0, ...primaries.map((r) => r.remainingPerArm ?? 0));
  if (remaining === 0 && primaries.every((r) => r.sampleSizePerArm !== null)) {
    return {
      outcome: "keep_champion",
      winner: window.champion,
      headline: `Keep ${window.champion}: no detectable difference`,
      detail: `The planned sample size is reached and ${noun} differs by less than the test can detect; the champion is the cheaper choice.`,
    };
  }
  const when = primaries.find((r) => r.note)?.note;
  return {
    outcome: "keep_running",
    winner: null,
    headline: "Keep running: not enough evidence yet",
    detail: `${remaining ? `${remaining.toLocaleString("en-US")} more units per arm needed for 80 % power` : "No significant difference yet"}${when ? ` (${when})` : ""}. Sequential p-values stay valid while you watch.`,
  };
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %` : "—";
}

function fmtP(p: number): string {
  return !Number.isFinite(p) ? "—" : p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}
