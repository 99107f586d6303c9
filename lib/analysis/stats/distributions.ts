import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import betaPdf from "@stdlib/stats-base-dists-beta-pdf";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalPdf from "@stdlib/stats-base-dists-normal-pdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";

/**
 * Thin wrappers over @stdlib distributions, named like scipy.stats (cdf, sf, ppf).
 *
 * Invariants: no special function is written here; upper tails (sf) are computed
 * from the library's upper-tail routines or by symmetry, never as `1 - cdf`, so
 * small p-values keep their relative precision. Non-finite or out-of-domain
 * inputs give NaN, as stdlib does.
 */

/** Standard normal CDF Φ(x). */
export function normCdf(x: number, mean = 0, sd = 1): number {
  return normalCdf(x, mean, sd);
}

/** Standard normal survival function 1 − Φ(x), by symmetry. */
export function normSf(x: number, mean = 0, sd = 1): number {
  return normalCdf(2 * mean - x, mean, sd);
}

/** Normal density φ(x). */
export function normPdf(x: number, mean = 0, sd = 1): number {
  return normalPdf(x, mean, sd);
}

/** Normal quantile Φ⁻¹(p). */
export function normPpf(p: number, mean = 0, sd = 1): number {
  return normalQuantile(p, mean, sd);
}

/** Student t survival function, by symmetry of the t distribution. */
export function tSf(x: number, df: number): number {
  return tCdf(-x, df);
}

/** Student t quantile; df may be non-integer. */
export function tPpf(p: number, df: number): number {
  return tQuantile(p, df);
}

/** Chi-square survival function: the regularized upper incomplete gamma Q(df/2, x/2). */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** Beta CDF I_x(a, b). */
export function betaCdfAt(x: number, a: number, b: number): number {
  return betaCdf(x, a, b);
}

/** Beta survival function: the regularized upper incomplete beta 1 − I_x(a, b). */
export function betaSf(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return betainc(x, a, b, true, true);
}

/** Beta density. */
export function betaPdfAt(x: number, a: number, b: number): number {
  return betaPdf(x, a, b);
}

/** Beta quantile. */
export function betaPpf(p: number, a: number, b: number): number {
  return betaQuantile(p, a, b);
}
