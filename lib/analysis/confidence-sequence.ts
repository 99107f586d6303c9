// One-sample always-valid bound, the one-arm case of the gbstats sequential test (normal mixture,
// Waudby-Smith et al.). Pure.

/**
 * Half-width of a (1 − alpha) confidence sequence for a mean after n observations with per-observation
 * variance `variance`. Valid at every n simultaneously, so it may be checked after every interval.
 * `tuning` is the n at which it is tightest. Infinity for n = 0.
 */
export function confidenceSequenceHalfWidth(n: number, variance: number, alpha: number, tuning = 5_000): number {
  if (!(n > 0)) return Infinity;
  const rho = Math.sqrt((-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuning);
  const nr2p1 = n * rho * rho + 1;
  return (
    Math.sqrt(Math.max(variance, 0)) * Math.sqrt((2 * nr2p1 * Math.log(Math.sqrt(nr2p1) / alpha)) / (n * rho) ** 2)
  );
}

/** Always-valid upper bound of a proportion x/n (Agresti–Coull style +1/+2 smoothing keeps variance > 0). */
export function proportionUpperBound(x: number, n: number, alpha: number, tuning?: number): number {
  const p = (x + 1) / (n + 2);
  return Math.min(1, p + confidenceSequenceHalfWidth(n, p * (1 - p), alpha, tuning));
}
