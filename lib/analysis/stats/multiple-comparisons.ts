/**
 * Holm-adjusted p-values across a family of comparisons (every challenger × metric × segment of
 * one analysis run, or every row of the A/B report), returned in the ORIGINAL input order.
 *
 * Invariants: every adjusted p is in [p, 1]; adjustments are monotone in the raw p-values; a
 * hypothesis is rejected when its adjusted p ≤ alpha. NaN inputs are rejected (throw): a gate
 * must decide what a missing p-value means before adjusting.
 */

/** Holm step-down: adj_(i) = max_{j≤i} min(1, (m − j + 1) p_(j)). Same as GrowthBook's adjustPValuesHolmBonferroni. */
export function holm(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const order = argsort(pValues);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
    out[idx] = running;
  });
  return out;
}

function argsort(xs: readonly number[]): number[] {
  return xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
}

function check(pValues: readonly number[]): void {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value out of [0, 1]: ${p}`);
  }
}
