import { tPpf, tSf } from "./distributions";
import {
  frequentistDiff,
  frequentistVariance,
  unusableReason,
  welchDf,
  type ArmStatistic,
  type DifferenceType,
  type EffectSummary,
} from "./growthbook-statistic";

export interface FrequentistSummary extends EffectSummary {
  test: "gbstats-two-sided-t";
  pValue: number;
  df: number;
  nControl: number;
  nTreatment: number;
}

/**
 * gbstats TwoSidedTTest: estimate ± t_{1−α/2, df}·se with Welch df, p = 2·P(T > |t|).
 *
 * Invariants: unusable input (empty arm, zero control mean for relative, zero
 * variance) returns gbstats' default output with p = 1 and an errorMessage, so a
 * gate reads it as inconclusive.
 */
export function twoSidedTTest(
  control: ArmStatistic,
  treatment: ArmStatistic,
  opts: { alpha?: number; differenceType?: DifferenceType; testValue?: number } = {},
): FrequentistSummary {
  const alpha = opts.alpha ?? 0.05;
  const type = opts.differenceType ?? "relative";
  const base = { test: "gbstats-two-sided-t" as const, nControl: control.n, nTreatment: treatment.n };
  const reason = unusableReason(control, treatment, type);
  if (reason) {
    return {
      ...base,
      expected: 0,
      ci: [0, 0],
      uplift: { dist: "normal", mean: 0, stddev: 0 },
      pValue: 1,
      df: NaN,
      errorMessage: reason,
    };
  }
  const expected = frequentistDiff(control, treatment, type);
  const se = Math.sqrt(frequentistVariance(control, treatment, type));
  const df = welchDf(control, treatment);
  const t = (expected - (opts.testValue ?? 0)) / se;
  const width = tPpf(1 - alpha / 2, df) * se;
  return {
    ...base,
    expected,
    ci: [expected - width, expected + width],
    uplift: { dist: "normal", mean: expected, stddev: se },
    pValue: 2 * tSf(Math.abs(t), df),
    df,
    errorMessage: null,
  };
}
