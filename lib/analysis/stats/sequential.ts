import {
  frequentistDiff,
  frequentistVariance,
  unusableReason,
  type ArmStatistic,
  type DifferenceType,
  type EffectSummary,
} from "./growthbook-statistic";

export interface SequentialSummary extends EffectSummary {
  test: "gbstats-sequential";
  pValue: number;
  /** Mixture parameter ρ chosen so the sequence is tightest at N = tuningParameter. */
  rho: number;
  tuningParameter: number;
  nControl: number;
  nTreatment: number;
}

/**
 * Always-valid confidence sequence and p-value, as gbstats SequentialTwoSidedTTest
 * (Waudby-Smith et al., asymptotic confidence sequences, eq. 9 / 155 / 161).
 *
 * Invariants: valid at every peek, so a live rollout may be checked as often as it
 * likes; the interval is always wider than the fixed-horizon one; p ∈ (0, 1];
 * unusable input returns p = 1 with an errorMessage (inconclusive).
 */
export function sequentialTwoSidedTTest(
  control: ArmStatistic,
  treatment: ArmStatistic,
  opts: { alpha?: number; differenceType?: DifferenceType; tuningParameter?: number; testValue?: number } = {},
): SequentialSummary {
  const alpha = opts.alpha ?? 0.05;
  const type = opts.differenceType ?? "relative";
  const tuningParameter = opts.tuningParameter ?? 5000;
  const rho = Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuningParameter);
  const base = {
    test: "gbstats-sequential" as const,
    rho,
    tuningParameter,
    nControl: control.n,
    nTreatment: treatment.n,
  };
  const reason = unusableReason(control, treatment, type);
  if (reason) {
    return {
      ...base,
      expected: 0,
      ci: [0, 0],
      uplift: { dist: "normal", mean: 0, stddev: 0 },
      pValue: 1,
      errorMessage: reason,
    };
  }
  const N = control.n + treatment.n;
  const expected = frequentistDiff(control, treatment, type);
  const variance = frequentistVariance(control, treatment, type);
  const s2 = variance * N;
  const nr2p1 = N * rho * rho + 1;
  const width = Math.sqrt(s2) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (N * rho) ** 2);
  const st2 = ((expected - (opts.testValue ?? 0)) ** 2 * N) / variance;
  const eValue = Math.exp((rho * rho * st2) / (2 * nr2p1)) / Math.sqrt(nr2p1);
  return {
    ...base,
    expected,
    ci: [expected - width, expected + width],
    uplift: { dist: "normal", mean: expected, stddev: Math.sqrt(variance) },
    pValue: Math.min(1 / eValue, 1),
    errorMessage: null,
  };
}
