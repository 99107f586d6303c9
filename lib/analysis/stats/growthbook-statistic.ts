/**
 * gbstats-style sufficient statistics and the difference/variance helpers every
 * GrowthBook test shares.
 *
 * Invariants: a proportion's variance is p(1 − p) (no n − 1, as gbstats
 * ProportionStatistic); a sample mean's is (Σx² − (Σx)²/n)/(n − 1); relative
 * differences divide by |control mean| and use the delta method with zero covariance.
 */
export interface ArmStatistic {
  n: number;
  mean: number;
  variance: number;
}

/** gbstats ProportionStatistic(n, sum). */
export function proportionStatistic(n: number, sum: number): ArmStatistic {
  const mean = n > 0 ? sum / n : 0;
  return { n, mean, variance: mean * (1 - mean) };
}

/** gbstats SampleMeanStatistic(n, sum, sum_squares). */
export function sampleMeanStatistic(n: number, sum: number, sumSquares: number): ArmStatistic {
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? (sumSquares - (sum * sum) / n) / (n - 1) : 0;
  return { n, mean, variance };
}

export type DifferenceType = "relative" | "absolute";

/** Point estimate: mB − mA, or (mB − mA)/|mA| when relative. */
export function frequentistDiff(a: ArmStatistic, b: ArmStatistic, type: DifferenceType): number {
  return type === "relative" ? (b.mean - a.mean) / Math.abs(a.mean) : b.mean - a.mean;
}

/** Variance of the estimate: vA/nA + vB/nB, or the delta-method variance of the ratio. */
export function frequentistVariance(a: ArmStatistic, b: ArmStatistic, type: DifferenceType): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (type === "absolute") return va + vb;
  if (a.mean === 0) return 0;
  return vb / a.mean ** 2 + (va * b.mean ** 2) / a.mean ** 4;
}

/** Welch–Satterthwaite df on the raw per-arm variances (gbstats uses these even for relative tests). */
export function welchDf(a: ArmStatistic, b: ArmStatistic): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  return (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
}

/** Inputs gbstats refuses (returns its default output for): empty arm, zero control mean on relative, zero variance. */
export function unusableReason(a: ArmStatistic, b: ArmStatistic, type: DifferenceType): string | null {
  if (a.n === 0 || b.n === 0) return "no units in a variation";
  if (type === "relative" && a.mean === 0) return "control mean is zero";
  if (!(a.variance > 0) || !(b.variance > 0)) return "zero or negative variance";
  return null;
}

export interface EffectSummary {
  expected: number;
  ci: [number, number];
  uplift: { dist: "normal"; mean: number; stddev: number };
  errorMessage: string | null;
}
