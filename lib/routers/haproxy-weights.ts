// Basis points (0..10 000) ↔ HAProxy server weights (0..256). Pure: safe anywhere.
//
// HAProxy only knows relative integer weights up to 256, so 9 000 / 1 000 becomes 9 / 1. We pick,
// among every scale where the largest weight maps to 1..256, the one whose weights reproduce the
// desired basis points most closely (ties → the smallest integers). Whenever the ratio is exactly
// representable (every split in whole percents, 1/99, 3/7 ...) the mapping is exact and
// fromHaproxyWeights(toHaproxyWeights(w)) === w. Otherwise (e.g. 1 / 9 999, finer than 1:256) the
// nearest ratio is used and a variant with non-zero basis points always keeps weight ≥ 1, so a
// challenger at 0.01 % still gets ~0.39 % rather than nothing. Read-back compares HAProxy weights
// with toHaproxyWeights(desired): the same mapping on both sides, never approximate basis points.
import { TOTAL_BASIS_POINTS, type Weights } from "./types";

export const HAPROXY_MAX_WEIGHT = 256;

/** Map basis points to HAProxy weights; see the file header for the rounding rule. */
export function toHaproxyWeights(bp: Weights): Weights {
  const keys = Object.keys(bp);
  const max = Math.max(0, ...keys.map((k) => bp[k]));
  if (max === 0) return Object.fromEntries(keys.map((k) => [k, 0]));
  let best: Weights | null = null;
  let bestError = Infinity;
  for (let top = 1; top <= HAPROXY_MAX_WEIGHT; top++) {
    const candidate: Weights = {};
    for (const k of keys) {
      const w = Math.round((bp[k] * top) / max);
      candidate[k] = bp[k] > 0 ? Math.max(1, w) : 0;
    }
    const sum = keys.reduce((acc, k) => acc + candidate[k], 0);
    const error = Math.max(...keys.map((k) => Math.abs((candidate[k] * TOTAL_BASIS_POINTS) / sum - bp[k])));
    if (error < bestError) {
      best = candidate;
      bestError = error;
      if (error < 1e-9) break;
    }
  }
  return best!;
}

/** Share of each HAProxy weight in basis points; largest remainder so the result sums to 10 000. */
export function fromHaproxyWeights(hw: Weights): Weights {
  const keys = Object.keys(hw);
  const sum = keys.reduce((s, k) => s + hw[k], 0);
  if (sum === 0) return Object.fromEntries(keys.map((k) => [k, 0]));
  const exact = keys.map((k) => (hw[k] * TOTAL_BASIS_POINTS) / sum);
  const out = exact.map(Math.floor);
  let left = TOTAL_BASIS_POINTS - out.reduce((s, v) => s + v, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    out[i] += 1;
    left -= 1;
  }
  return Object.fromEntries(keys.map((k, i) => [k, out[i]]));
}

/** Same HAProxy weights for every key of either side (missing = 0). */
export function haproxyWeightsEqual(a: Weights, b: Weights): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
}
