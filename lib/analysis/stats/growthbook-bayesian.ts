import { normCdf, normPdf, normPpf, normSf } from "./distributions";
import {
  frequentistDiff,
  frequentistVariance,
  unusableReason,
  type ArmStatistic,
  type DifferenceType,
  type EffectSummary,
} from "./growthbook-statistic";

export interface GaussianPrior {
  mean: number;
  variance: number;
  /** An improper (flat) prior leaves the data's estimate unchanged. */
  proper: boolean;
}

export interface BayesianSummary extends EffectSummary {
  test: "gbstats-effect-bayesian";
  /** P(effect > 0), or P(effect < 0) for an inverse metric. */
  chanceToWin: number;
  /** [expected loss if control is kept, expected loss if treatment ships]. */
  risk: [number, number];
  riskType: DifferenceType;
  nControl: number;
  nTreatment: number;
}

/**
 * gbstats EffectBayesianABTest: Gaussian posterior on the (relative or absolute)
 * effect from a Gaussian prior and the frequentist estimate.
 *
 * Invariants: a flat prior reproduces the frequentist estimate and se; the prior is
 * given on `priorType` scale and rescaled by |control mean| when the scales differ;
 * risk[0] − risk[1] = posterior mean; unusable input gives chanceToWin 0.5 with
 * an errorMessage (inconclusive).
 */
export function effectBayesianTest(
  control: ArmStatistic,
  treatment: ArmStatistic,
  opts: {
    alpha?: number;
    differenceType?: DifferenceType;
    prior?: GaussianPrior;
    priorType?: DifferenceType;
    inverse?: boolean;
  } = {},
): BayesianSummary {
  const alpha = opts.alpha ?? 0.05;
  const type = opts.differenceType ?? "relative";
  const prior = rescalePrior(
    opts.prior ?? { mean: 0, variance: 1, proper: false },
    opts.priorType ?? "relative",
    type,
    control.mean,
  );
  const base = {
    test: "gbstats-effect-bayesian" as const,
    riskType: type,
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
      chanceToWin: 0.5,
      risk: [0, 0],
      errorMessage: reason,
    };
  }
  const dataVariance = frequentistVariance(control, treatment, type);
  const dataMean = frequentistDiff(control, treatment, type);
  const postPrecision = 1 / dataVariance + (prior.proper ? 1 / prior.variance : 0);
  const mean = prior.proper ? (dataMean / dataVariance + prior.mean / prior.variance) / postPrecision : dataMean;
  const sd = Math.sqrt(1 / postPrecision);
  const ctw = normSf(0, mean, sd);
  const risk = gaussianRisk(mean, sd);
  return {
    ...base,
    expected: mean,
    ci: [normPpf(alpha / 2, mean, sd), normPpf(1 - alpha / 2, mean, sd)],
    uplift: { dist: "normal", mean, stddev: sd },
    chanceToWin: opts.inverse ? 1 - ctw : ctw,
    risk: opts.inverse ? [risk[1], risk[0]] : risk,
    errorMessage: null,
  };
}

/** [E[max(X, 0)], E[max(−X, 0)]] for X ~ N(μ, σ²): gbstats get_risk via truncated-normal means. */
export function gaussianRisk(mu: number, sigma: number): [number, number] {
  const z = mu / sigma;
  const pPos = normCdf(z);
  const pNeg = normCdf(-z);
  const density = sigma * normPdf(z);
  return [mu * pPos + density, -mu * pNeg + density];
}

function rescalePrior(
  prior: GaussianPrior,
  priorType: DifferenceType,
  type: DifferenceType,
  controlMean: number,
): GaussianPrior {
  if (priorType === type) return prior;
  const m = Math.abs(controlMean);
  return type === "relative"
    ? { mean: prior.mean / m, variance: prior.variance / m ** 2, proper: prior.proper }
    : { mean: prior.mean * m, variance: prior.variance * m ** 2, proper: prior.proper };
}
