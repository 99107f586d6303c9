export interface DriftResult {
  reference: number[];
  current: number[];
  /** KL(reference ‖ current), nats. */
  klReferenceCurrent: number;
  /** KL(current ‖ reference), nats. */
  klCurrentReference: number;
  psi: number;
  psiPerBin: number[];
  psiBand: PsiBand;
  /** Jensen–Shannon divergence, nats (scipy jensenshannon(P, Q)²). */
  jsDivergence: number;
}

export type PsiBand = "none" | "moderate" | "major";

/**
 * Prediction drift between binned reference (P, baseline) and current (Q) counts.
 *
 * Convention (scipy.stats.entropy): counts are normalised; a bin with P = 0
 * contributes 0 to KL(P‖Q); P > 0 with Q = 0 makes KL and PSI Infinity. Pass
 * `pseudoCount` (e.g. 0.5) to smooth every bin before normalising when empty bins
 * are expected. PSI = Σ (Q − P) ln(Q/P) = KL(P‖Q) + KL(Q‖P), symmetric in P and Q.
 */
export function drift(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  opts: { pseudoCount?: number } = {},
): DriftResult {
  if (referenceCounts.length !== currentCounts.length || referenceCounts.length === 0) {
    throw new RangeError("reference and current need the same, non-zero number of bins");
  }
  const P = normalise(referenceCounts, opts.pseudoCount ?? 0);
  const Q = normalise(currentCounts, opts.pseudoCount ?? 0);
  const psiPerBin = P.map((p, i) => (Q[i] === p ? 0 : (Q[i] - p) * Math.log(Q[i] / p)));
  const psi = psiPerBin.reduce((s, v) => s + v, 0);
  const M = P.map((p, i) => (p + Q[i]) / 2);
  return {
    reference: P,
    current: Q,
    klReferenceCurrent: kl(P, Q),
    klCurrentReference: kl(Q, P),
    psi,
    psiPerBin,
    psiBand: psiBand(psi),
    jsDivergence: (kl(P, M) + kl(Q, M)) / 2,
  };
}

/** Industry rule of thumb: < 0.1 none, < 0.25 moderate, otherwise major. */
export function psiBand(psi: number): PsiBand {
  return psi < 0.1 ? "none" : psi < 0.25 ? "moderate" : "major";
}

/** KL divergence in nats; divide by ln 2 for bits. */
export function kl(P: readonly number[], Q: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < P.length; i++) {
    if (P[i] === 0) continue;
    s += Q[i] === 0 ? Infinity : P[i] * Math.log(P[i] / Q[i]);
  }
  return s;
}

function normalise(counts: readonly number[], pseudo: number): number[] {
  const smoothed = counts.map((c) => c + pseudo);
  const total = smoothed.reduce((s, c) => s + c, 0);
  return smoothed.map((c) => c / total);
}
