import { tPpf, tSf } from "./distributions";

export type Alternative = "two-sided" | "greater" | "less";

export interface WelchTResult {
  test: "welch-t";
  nControl: number;
  nTreatment: number;
  controlMean: number;
  treatmentMean: number;
  controlVariance: number;
  treatmentVariance: number;
  /** treatment − control */
  estimate: number;
  standardError: number;
  statistic: number;
  df: number;
  pValue: number;
  alternative: Alternative;
  confidence: number;
  /** Two-sided interval for the difference at `confidence`. */
  interval: [number, number];
}

/**
 * Welch's unequal-variance t test of treatment − control, as
 * `scipy.stats.ttest_ind(treatment, control, equal_var=False)`.
 *
 * Invariants: variances use ddof = 1; df is Welch–Satterthwaite (non-integer);
 * each arm needs at least two observations, otherwise every number is NaN so a
 * gate reads the result as inconclusive rather than as a pass.
 */
export function welchTTest(
  control: readonly number[],
  treatment: readonly number[],
  opts: { alternative?: Alternative; confidence?: number } = {},
): WelchTResult {
  const alternative = opts.alternative ?? "two-sided";
  const confidence = opts.confidence ?? 0.95;
  const c = meanVar(control);
  const t = meanVar(treatment);
  return welchFromSummary(c, t, { alternative, confidence });
}

/** Same test from per-arm summaries (n, mean, variance with ddof = 1). */
export function welchFromSummary(
  c: ArmSummary,
  t: ArmSummary,
  opts: { alternative?: Alternative; confidence?: number } = {},
): WelchTResult {
  const alternative = opts.alternative ?? "two-sided";
  const confidence = opts.confidence ?? 0.95;
  const vc = c.variance / c.n;
  const vt = t.variance / t.n;
  const se = Math.sqrt(vc + vt);
  const estimate = t.mean - c.mean;
  const statistic = estimate / se;
  const df = (vc + vt) ** 2 / (vc ** 2 / (c.n - 1) + vt ** 2 / (t.n - 1));
  const valid = c.n >= 2 && t.n >= 2 && se > 0;
  const pValue = !valid
    ? NaN
    : alternative === "greater"
      ? tSf(statistic, df)
      : alternative === "less"
        ? tSf(-statistic, df)
        : Math.min(1, 2 * tSf(Math.abs(statistic), df));
  const half = tPpf(0.5 + confidence / 2, df) * se;
  return {
    test: "welch-t",
    nControl: c.n,
    nTreatment: t.n,
    controlMean: c.mean,
    treatmentMean: t.mean,
    controlVariance: c.variance,
    treatmentVariance: t.variance,
    estimate,
    standardError: se,
    statistic: valid ? statistic : NaN,
    df: valid ? df : NaN,
    pValue,
    alternative,
    confidence,
    interval: valid ? [estimate - half, estimate + half] : [NaN, NaN],
  };
}

export interface ArmSummary {
  n: number;
  mean: number;
  /** Sample variance, ddof = 1. */
  variance: number;
}

/** Mean and ddof = 1 variance (two-pass, for numerical stability). */
export function meanVar(xs: readonly number[]): ArmSummary {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}
