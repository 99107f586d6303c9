/**
 * Adjusted p-values across metrics, returned in the ORIGINAL input order.
 *
 * Invariants: every adjusted p is in [p, 1]; adjustments are monotone in the raw
 * p-values; the same functions back both "adjusted p" evidence and the reject
 * decision (`adjusted <= alpha`). NaN inputs are rejected (throw): a gate must
 * decide what a missing p-value means before adjusting.
 */

/** Bonferroni: min(1, m p). */
export function bonferroni(pValues: readonly number[]): number[] {
  check(pValues);
  return pValues.map((p) => Math.min(1, p * pValues.length));
}

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

/** Benjamini–Hochberg step-up, as scipy false_discovery_control(method="bh"). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  return stepUp(pValues, 1);
}

/** Benjamini–Yekutieli (arbitrary dependence), as scipy false_discovery_control(method="by"). */
export function benjaminiYekutieli(pValues: readonly number[]): number[] {
  let c = 0;
  for (let i = 1; i <= pValues.length; i++) c += 1 / i;
  return stepUp(pValues, c);
}

/** Which hypotheses are rejected at `alpha` given adjusted p-values. */
export function rejected(adjusted: readonly number[], alpha = 0.05): boolean[] {
  return adjusted.map((p) => p <= alpha);
}

function stepUp(pValues: readonly number[], c: number): number[] {
  check(pValues);
  const m = pValues.length;
  const order = argsort(pValues);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank];
    running = Math.min(running, (pValues[idx] * m * c) / (rank + 1));
    out[idx] = Math.min(1, running);
  }
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
