import { chi2Sf } from "./distributions";

export interface SrmResult {
  test: "srm-chi-square";
  observed: number[];
  expected: number[];
  statistic: number;
  df: number;
  pValue: number;
  threshold: number;
  /** True when pValue < threshold: the traffic split is not what was configured. */
  mismatch: boolean;
}

/** GrowthBook's default SRM threshold. */
export const SRM_DEFAULT_THRESHOLD = 0.001;

/**
 * Chi-square sample-ratio-mismatch check, as gbstats `check_srm`.
 *
 * Invariants: weights are normalised to sum to 1; arms with weight ≤ 0 are skipped
 * in the statistic but df stays k − 1 (gbstats' convention); no traffic at all
 * gives p = 1 and no mismatch.
 */
export function sampleRatioMismatch(
  observed: readonly number[],
  weights: readonly number[],
  threshold = SRM_DEFAULT_THRESHOLD,
): SrmResult {
  if (observed.length !== weights.length || observed.length < 2) {
    throw new RangeError("observed and weights need the same length, at least 2");
  }
  const total = observed.reduce((s, o) => s + o, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (w / weightSum) * total);
  const df = observed.length - 1;
  if (total === 0) {
    return {
      test: "srm-chi-square",
      observed: [...observed],
      expected,
      statistic: 0,
      df,
      pValue: 1,
      threshold,
      mismatch: false,
    };
  }
  let statistic = 0;
  observed.forEach((o, i) => {
    if (weights[i] <= 0) return;
    statistic += (o - expected[i]) ** 2 / expected[i];
  });
  const pValue = chi2Sf(statistic, df);
  return {
    test: "srm-chi-square",
    observed: [...observed],
    expected,
    statistic,
    df,
    pValue,
    threshold,
    mismatch: pValue < threshold,
  };
}
