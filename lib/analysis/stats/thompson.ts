import betaRandom from "@stdlib/random-base-beta";

export const TOTAL_BPS = 10_000;

export interface BanditArm {
  successes: number;
  failures: number;
}

export interface ThompsonAllocation {
  /** Integer basis points per arm, in input order; they sum to exactly 10000 and each is ≥ its floor. */
  weights: number[];
  /** Monte Carlo estimate of P(arm is best). */
  winProbability: number[];
  draws: number;
  seed: number;
}

/**
 * Thompson-sampling allocation for Bernoulli rewards with Beta posteriors
 * Beta(α₀ + successes, β₀ + failures): each arm gets its floor, and the remaining
 * basis points are split by the Monte Carlo probability that the arm is best.
 *
 * Invariants: Σ weights = 10000 exactly (largest-remainder rounding, ties to the
 * lower index); weights[i] ≥ floor[i]; same inputs and seed give the same weights;
 * floors must be integers in 0..10000 whose sum is ≤ 10000, otherwise it throws.
 */
export function thompsonAllocation(
  arms: readonly BanditArm[],
  opts: { floorBps: number | readonly number[]; seed: number; draws?: number; prior?: { alpha: number; beta: number } },
): ThompsonAllocation {
  const k = arms.length;
  if (k === 0) throw new RangeError("at least one arm");
  const floors = typeof opts.floorBps === "number" ? arms.map(() => opts.floorBps as number) : [...opts.floorBps];
  if (floors.length !== k || floors.some((f) => !Number.isInteger(f) || f < 0 || f > TOTAL_BPS)) {
    throw new RangeError("floors must be integers in 0..10000, one per arm");
  }
  const floorSum = floors.reduce((s, f) => s + f, 0);
  if (floorSum > TOTAL_BPS) throw new RangeError(`floors sum to ${floorSum} bps, more than ${TOTAL_BPS}`);
  const draws = opts.draws ?? 10_000;
  const prior = opts.prior ?? { alpha: 1, beta: 1 };
  const rand = betaRandom.factory({ seed: opts.seed });
  const wins = new Array<number>(k).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < k; i++) {
      const v = rand(prior.alpha + arms[i].successes, prior.beta + arms[i].failures);
      if (v > bestValue) {
        bestValue = v;
        best = i;
      }
    }
    wins[best]++;
  }
  const winProbability = wins.map((w) => w / draws);
  const extra = largestRemainder(winProbability, TOTAL_BPS - floorSum);
  return { weights: floors.map((f, i) => f + extra[i]), winProbability, draws, seed: opts.seed };
}

/** Integer split of `total` proportional to `shares` (which sum to 1); sums to `total` exactly. */
export function largestRemainder(shares: readonly number[], total: number): number[] {
  const raw = shares.map((s) => s * total);
  const base = raw.map(Math.floor);
  let left = total - base.reduce((s, b) => s + b, 0);
  const order = raw.map((r, i) => i).sort((a, b) => raw[b] - base[b] - (raw[a] - base[a]) || a - b);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) base[order[j]]++;
  return base;
}
