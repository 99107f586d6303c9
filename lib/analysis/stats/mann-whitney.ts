import { normSf } from "./distributions";
import { averageRanks, tieTerm } from "./ranks";
import type { Alternative } from "./welch-t";

export interface MannWhitneyResult {
  test: "mann-whitney-u";
  n1: number;
  n2: number;
  /** U of the first sample: R1 − n1(n1+1)/2. scipy reports this as the statistic. */
  statistic: number;
  u2: number;
  rankSum1: number;
  meanU: number;
  /** Tie-corrected standard deviation of U. */
  sigmaU: number;
  tieSizes: number[];
  /** |z| after the continuity correction (two-sided), or signed z for one-sided tests. */
  z: number;
  pValue: number;
  /** P(X > Y) + ½ P(X = Y) = U1 / (n1 n2). */
  commonLanguageEffectSize: number;
  method: "asymptotic" | "exact";
  alternative: Alternative;
}

/**
 * Mann–Whitney U test, as `scipy.stats.mannwhitneyu(x, y, use_continuity, alternative, method)`.
 *
 * Invariants: average ranks for ties; σ² = n1 n2/12 ((N+1) − Σ(t³−t)/(N(N−1)));
 * the continuity correction is 0.5 towards the mean; p is clipped to 1; "exact"
 * uses the permutation distribution of U, which assumes no ties (as scipy).
 * Either sample empty, or every value tied, gives NaN p (inconclusive).
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  opts: { alternative?: Alternative; useContinuity?: boolean; method?: "asymptotic" | "exact" } = {},
): MannWhitneyResult {
  const alternative = opts.alternative ?? "two-sided";
  const cc = (opts.useContinuity ?? true) ? 0.5 : 0;
  const method = opts.method ?? "asymptotic";
  const n1 = x.length;
  const n2 = y.length;
  const N = n1 + n2;
  const { ranks, tieSizes } = averageRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const meanU = (n1 * n2) / 2;
  const sigmaU = Math.sqrt(((n1 * n2) / 12) * (N + 1 - tieTerm(tieSizes) / (N * (N - 1))));
  const u = alternative === "two-sided" ? Math.max(u1, u2) : alternative === "greater" ? u1 : u2;
  const z = (u - meanU - cc) / sigmaU;
  let pValue: number;
  if (method === "exact") {
    pValue = exactUpperTail(Math.round(u), n1, n2);
  } else {
    pValue = normSf(z);
  }
  if (alternative === "two-sided") pValue *= 2;
  return {
    test: "mann-whitney-u",
    n1,
    n2,
    statistic: u1,
    u2,
    rankSum1: r1,
    meanU,
    sigmaU,
    tieSizes,
    z,
    pValue: n1 && n2 && sigmaU > 0 ? Math.min(1, pValue) : NaN,
    commonLanguageEffectSize: u1 / (n1 * n2),
    method,
    alternative,
  };
}

/**
 * P(U ≥ u) under H0 with no ties: U's counts are the coefficients of the Gaussian
 * binomial [n1+n2 choose n1]_q, built by the recurrence c(i,j) = q^j c(i−1,j) + c(i,j−1).
 */
function exactUpperTail(u: number, n1: number, n2: number): number {
  const maxU = n1 * n2;
  if (maxU > 250_000) throw new RangeError("exact Mann-Whitney is for small samples; use asymptotic");
  let prev: Float64Array[] = Array.from({ length: n2 + 1 }, () => unit(maxU));
  for (let i = 1; i <= n1; i++) {
    const cur: Float64Array[] = [];
    for (let j = 0; j <= n2; j++) {
      const poly = new Float64Array(maxU + 1);
      const shifted = prev[j];
      for (let k = 0; k + j <= maxU; k++) poly[k + j] += shifted[k];
      if (j > 0) for (let k = 0; k <= maxU; k++) poly[k] += cur[j - 1][k];
      cur.push(poly);
    }
    prev = cur;
  }
  const counts = prev[n2];
  let total = 0;
  let tail = 0;
  for (let k = 0; k <= maxU; k++) {
    total += counts[k];
    if (k >= u) tail += counts[k];
  }
  return tail / total;
}

function unit(size: number): Float64Array {
  const a = new Float64Array(size + 1);
  a[0] = 1;
  return a;
}
