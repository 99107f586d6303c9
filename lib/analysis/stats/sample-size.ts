import { normCdf, normPpf } from "./distributions";

export interface ProportionSampleSize {
  zAlpha: number;
  zBeta: number;
  /** Ceil of `pooledNull`. */
  nPerArm: number;
  /** The pooled-null / unpooled-alternative (Fleiss, no continuity correction) formula, unrounded. */
  pooledNull: number;
}

/**
 * Sample size per arm (1:1) to detect pControl → pTreatment.
 *
 * Invariants: larger power or smaller alpha never lowers n; pControl = pTreatment gives Infinity.
 */
export function sampleSizeTwoProportions(input: {
  pControl: number;
  pTreatment: number;
  alpha?: number;
  power?: number;
  twoSided?: boolean;
}): ProportionSampleSize {
  const { pControl: p1, pTreatment: p2 } = input;
  const zAlpha = zFor(input.alpha ?? 0.05, input.twoSided ?? true);
  const zBeta = normPpf(input.power ?? 0.8);
  const d = Math.abs(p2 - p1);
  const q1 = 1 - p1;
  const q2 = 1 - p2;
  const pbar = (p1 + p2) / 2;
  const pooledNull = (zAlpha * Math.sqrt(2 * pbar * (1 - pbar)) + zBeta * Math.sqrt(p1 * q1 + p2 * q2)) ** 2 / d ** 2;
  return { zAlpha, zBeta, nPerArm: Math.ceil(pooledNull), pooledNull };
}

/** Power of the pooled two-sided z test with n per arm (both rejection tails counted). */
export function powerTwoProportions(pControl: number, pTreatment: number, nPerArm: number, alpha = 0.05): number {
  const z = normPpf(1 - alpha / 2);
  const pbar = (pControl + pTreatment) / 2;
  const s0 = Math.sqrt(2 * pbar * (1 - pbar));
  const s1 = Math.sqrt(pControl * (1 - pControl) + pTreatment * (1 - pTreatment));
  const shift = Math.abs(pTreatment - pControl) * Math.sqrt(nPerArm);
  return normCdf((shift - z * s0) / s1) + normCdf((-shift - z * s0) / s1);
}

/** Sample size per arm (1:1) to detect a mean difference `delta` with per-arm standard deviations. */
export function sampleSizeMeans(input: {
  delta: number;
  sdControl: number;
  sdTreatment?: number;
  alpha?: number;
  power?: number;
  twoSided?: boolean;
}): { nPerArm: number; exact: number } {
  const zAlpha = zFor(input.alpha ?? 0.05, input.twoSided ?? true);
  const zBeta = normPpf(input.power ?? 0.8);
  const sdT = input.sdTreatment ?? input.sdControl;
  const exact = ((zAlpha + zBeta) ** 2 * (input.sdControl ** 2 + sdT ** 2)) / input.delta ** 2;
  return { nPerArm: Math.ceil(exact), exact };
}

function zFor(alpha: number, twoSided: boolean): number {
  return normPpf(twoSided ? 1 - alpha / 2 : 1 - alpha);
}
