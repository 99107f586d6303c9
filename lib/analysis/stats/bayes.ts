import { betaCdfAt, betaPdfAt, betaPpf, betaSf, normCdf } from "./distributions";
import { integrate } from "./quadrature";

export interface BetaPosterior {
  alpha: number;
  beta: number;
  mean: number;
  variance: number;
}

export interface BetaBinomialResult {
  test: "beta-binomial";
  nControl: number;
  nTreatment: number;
  control: BetaPosterior;
  treatment: BetaPosterior;
  /** P(pTreatment > pControl). */
  chanceToBeatControl: number;
  /** E[max(pControl − pTreatment, 0)]: what shipping the treatment costs if it is worse. */
  expectedLossTreatment: number;
  /** E[max(pTreatment − pControl, 0)]: what keeping the control costs if it is worse. */
  expectedLossControl: number;
  /** Normal approximation of chanceToBeatControl, for comparison. */
  chanceToBeatControlNormal: number;
}

/**
 * Beta-Binomial chance to beat control with posteriors Beta(α₀ + s, β₀ + n − s).
 *
 * P(B > A) = ∫ f_B(x) F_A(x) dx by composite Gauss–Legendre over the union of both
 * posteriors' central 1 − 1e-15 mass; losses use E[(p_A − x)⁺] = m_A·Ī_x(α_A+1, β_A) − x·Ī_x(α_A, β_A).
 *
 * Invariants: results are in [0, 1]; chanceToBeatControl is 0.5 for identical
 * data; accuracy is ~1e-12 absolute for any counts (non-integer priors allowed).
 */
export function betaBinomialChanceToBeat(
  control: { successes: number; trials: number },
  treatment: { successes: number; trials: number },
  prior: { alpha: number; beta: number } = { alpha: 1, beta: 1 },
): BetaBinomialResult {
  const a = posterior(control, prior);
  const b = posterior(treatment, prior);
  const eps = 1e-15;
  const lo = Math.min(betaPpf(eps, a.alpha, a.beta), betaPpf(eps, b.alpha, b.beta));
  const hi = Math.max(betaPpf(1 - eps, a.alpha, a.beta), betaPpf(1 - eps, b.alpha, b.beta));
  const pdf = (p: BetaPosterior) => (x: number) => betaPdfAt(x, p.alpha, p.beta);
  const chance = integrate((x) => pdf(b)(x) * betaCdfAt(x, a.alpha, a.beta), lo, hi);
  const lossOver = (p: BetaPosterior, x: number) =>
    p.mean * betaSf(x, p.alpha + 1, p.beta) - x * betaSf(x, p.alpha, p.beta);
  const lossB = integrate((x) => pdf(b)(x) * lossOver(a, x), lo, hi);
  const lossA = integrate((x) => pdf(a)(x) * lossOver(b, x), lo, hi);
  return {
    test: "beta-binomial",
    nControl: control.trials,
    nTreatment: treatment.trials,
    control: a,
    treatment: b,
    chanceToBeatControl: clamp01(chance),
    expectedLossTreatment: Math.max(0, lossB),
    expectedLossControl: Math.max(0, lossA),
    chanceToBeatControlNormal: normCdf((b.mean - a.mean) / Math.sqrt(a.variance + b.variance)),
  };
}

/** Beta(α₀ + s, β₀ + n − s) with its mean and variance. */
export function posterior(
  arm: { successes: number; trials: number },
  prior: { alpha: number; beta: number },
): BetaPosterior {
  const alpha = prior.alpha + arm.successes;
  const beta = prior.beta + arm.trials - arm.successes;
  const s = alpha + beta;
  return { alpha, beta, mean: alpha / s, variance: (alpha * beta) / (s * s * (s + 1)) };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
