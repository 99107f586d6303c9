import { chi2Sf, normPpf, normSf } from "./distributions";

export interface ProportionArm {
  successes: number;
  trials: number;
}

export interface TwoProportionZResult {
  test: "two-proportion-z";
  nControl: number;
  nTreatment: number;
  pControl: number;
  pTreatment: number;
  /** pTreatment − pControl */
  estimate: number;
  /** (pTreatment − pControl) / pControl */
  relativeLift: number;
  pooledP: number;
  /** Pooled SE under H0: pA = pB; the test statistic uses it. */
  standardErrorPooled: number;
  statistic: number;
  pValue: number;
  /** Unpooled SE; the Wald interval uses it. */
  standardErrorUnpooled: number;
  statisticUnpooled: number;
  pValueUnpooled: number;
  confidence: number;
  /** Wald interval for the difference, unpooled SE. */
  interval: [number, number];
  /** Continuity-corrected (Yates) 2x2 chi-square p-value, as scipy chi2_contingency. */
  pValueYates: number;
}

/**
 * Two-sided two-proportion z test of treatment vs control.
 *
 * Invariants: the pooled z is the classical test (z² equals the uncorrected 2x2
 * chi-square); the interval is Wald with the unpooled SE; an arm with no trials
 * gives NaN statistics (inconclusive), never a small p-value.
 */
export function twoProportionZTest(
  control: ProportionArm,
  treatment: ProportionArm,
  opts: { confidence?: number } = {},
): TwoProportionZResult {
  const confidence = opts.confidence ?? 0.95;
  const { successes: xa, trials: na } = control;
  const { successes: xb, trials: nb } = treatment;
  const pa = xa / na;
  const pb = xb / nb;
  const diff = pb - pa;
  const pooled = (xa + xb) / (na + nb);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  const seUnpooled = Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb);
  const z = diff / sePooled;
  const zU = diff / seUnpooled;
  const zc = normPpf(0.5 + confidence / 2);
  return {
    test: "two-proportion-z",
    nControl: na,
    nTreatment: nb,
    pControl: pa,
    pTreatment: pb,
    estimate: diff,
    relativeLift: diff / pa,
    pooledP: pooled,
    standardErrorPooled: sePooled,
    statistic: z,
    pValue: twoSided(z),
    standardErrorUnpooled: seUnpooled,
    statisticUnpooled: zU,
    pValueUnpooled: twoSided(zU),
    confidence,
    interval: [diff - zc * seUnpooled, diff + zc * seUnpooled],
    pValueYates: yatesP([
      [xa, na - xa],
      [xb, nb - xb],
    ]),
  };
}

function twoSided(z: number): number {
  return Number.isFinite(z) ? Math.min(1, 2 * normSf(Math.abs(z))) : NaN;
}

// scipy moves each observed cell 0.5 towards its expected count, never past it.
function yatesP(table: number[][]): number {
  const rows = table.map((r) => r[0] + r[1]);
  const cols = [table[0][0] + table[1][0], table[0][1] + table[1][1]];
  const total = rows[0] + rows[1];
  let chi2 = 0;
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const e = (rows[i] * cols[j]) / total;
      const dev = Math.max(0, Math.abs(table[i][j] - e) - 0.5);
      chi2 += (dev * dev) / e;
    }
  }
  return chi2Sf(chi2, 1);
}
