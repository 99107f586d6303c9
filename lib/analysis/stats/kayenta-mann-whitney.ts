import { normPpf } from "./distributions";
import { averageRanks, tieTerm } from "./ranks";

export interface ShiftRoot {
  value: number;
  /** "jump": the step function changes sign at `value`; "flat": it is zero on all of `interval`. */
  kind: "jump" | "flat" | "bound";
  interval: [number, number];
}

export interface KayentaMannWhitneyResult {
  test: "mann-whitney-shift";
  nExperiment: number;
  nControl: number;
  confidenceLevel: number;
  /** Shift (experiment − control) interval, Kayenta/R wilcox.test(conf.int = TRUE, exact = FALSE, correct = TRUE). */
  interval: [number, number];
  lower: ShiftRoot;
  upper: ShiftRoot;
  /** Root of wilcoxonDiff at zq = 0 (Kayenta's "estimate"); midpoint when the root is a flat interval. */
  estimate: number;
  estimateRoot: ShiftRoot;
  /** Median of pairwise differences (textbook Hodges–Lehmann). */
  hodgesLehmann: number;
}

/**
 * Kayenta-style Mann–Whitney confidence interval for the location shift.
 *
 * Kayenta (and R) solve wilcoxonDiff(μ) = zq with Brent at tol 1e-4. That function
 * of μ is a step function that only changes at pairwise differences x_i − y_j,
 * so we compute its roots EXACTLY: every value is one of those differences (or the
 * midpoint of an interval where it is identically zero). Between differences there
 * are no cross-sample ties, so σ is constant and the function is monotone, which
 * makes a binary search over sorted differences exact.
 *
 * Invariants: interval[0] ≤ estimate ≤ interval[1]; endpoints lie in
 * [min(x) − max(y), max(x) − min(y)]; Kayenta's early returns are kept
 * (f(μmin) ≤ 0 → μmin, f(μmax) ≥ 0 → μmax). When all observations are tied the
 * shift is the single difference (Kayenta adds noise instead; we stay deterministic).
 */
export function kayentaMannWhitney(
  experiment: readonly number[],
  control: readonly number[],
  confidenceLevel = 0.95,
): KayentaMannWhitneyResult {
  if (experiment.length === 0 || control.length === 0) throw new RangeError("both samples need data");
  const all = experiment.flatMap((x) => control.map((y) => x - y)).sort((a, b) => a - b);
  const diffs = uniqueSorted(all);
  const zq = normPpf((1 - confidenceLevel) / 2);
  const lower = findRoot(-zq, experiment, control, diffs, all);
  const upper = findRoot(zq, experiment, control, diffs, all);
  const estimateRoot = findRoot(0, experiment, control, diffs, all);
  return {
    test: "mann-whitney-shift",
    nExperiment: experiment.length,
    nControl: control.length,
    confidenceLevel,
    interval: [lower.value, upper.value],
    lower,
    upper,
    estimate: estimateRoot.value,
    estimateRoot,
    hodgesLehmann: median(all),
  };
}

/** Kayenta/R wilcoxonDiff(μ, zq): continuity-corrected, tie-corrected z of the shifted rank sum, minus zq. */
export function wilcoxonDiff(mu: number, zq: number, x: readonly number[], y: readonly number[]): number {
  const n1 = x.length;
  const n2 = y.length;
  const { ranks, tieSizes } = averageRanks([...x.map((v) => v - mu), ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const dz = r1 - (n1 * (n1 + 1)) / 2 - (n1 * n2) / 2;
  return corrected(dz, n1, n2, tieTerm(tieSizes)) - zq;
}

function findRoot(zq: number, x: readonly number[], y: readonly number[], diffs: number[], all: number[]): ShiftRoot {
  const lo = diffs[0];
  const hi = diffs[diffs.length - 1];
  if (lo === hi) return { value: lo, kind: "bound", interval: [lo, lo] };
  if (wilcoxonDiff(lo, zq, x, y) <= 0) return { value: lo, kind: "bound", interval: [lo, lo] };
  if (wilcoxonDiff(hi, zq, x, y) >= 0) return { value: hi, kind: "bound", interval: [hi, hi] };
  // f on the open gap (diffs[k], diffs[k+1]): U counts differences above the gap.
  const n1 = x.length;
  const n2 = y.length;
  const within = tieTerm([...averageRanks([...x]).tieSizes, ...averageRanks([...y]).tieSizes]);
  const gap = (k: number) => {
    const above = all.length - upperBound(all, diffs[k]);
    return corrected(above - (n1 * n2) / 2, n1, n2, within) - zq;
  };
  // First gap with f ≤ 0 (f is non-increasing across gaps).
  let a = 0;
  let b = diffs.length - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (gap(mid) <= 0) b = mid;
    else a = mid + 1;
  }
  if (a === diffs.length - 1 || gap(a) < 0) return { value: diffs[a], kind: "jump", interval: [diffs[a], diffs[a]] };
  let end = a;
  while (end + 1 < diffs.length - 1 && gap(end + 1) === 0) end++;
  const interval: [number, number] = [diffs[a], diffs[end + 1]];
  return { value: (interval[0] + interval[1]) / 2, kind: "flat", interval };
}

function corrected(dz: number, n1: number, n2: number, ties: number): number {
  const N = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (N + 1 - ties / (N * (N - 1))));
  return (dz - Math.sign(dz) * 0.5) / sigma;
}

// Differences equal up to float noise (e.g. 105.1 − 101.3 vs 108.7 − 104.9) are one jump.
function uniqueSorted(sorted: number[]): number[] {
  const out: number[] = [sorted[0]];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (v - last > 1e-12 * Math.max(1, Math.abs(v))) out.push(v);
  }
  return out;
}

/** Number of elements ≤ v (within the same float-noise tolerance as the jumps). */
function upperBound(sorted: number[], v: number): number {
  const tol = 1e-12 * Math.max(1, Math.abs(v));
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m] <= v + tol) a = m + 1;
    else b = m;
  }
  return a;
}

function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}
