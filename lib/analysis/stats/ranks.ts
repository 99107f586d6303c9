/**
 * Average ("fractional") ranks, 1-based, as scipy.stats.rankdata(method="average")
 * and commons-math NaturalRanking(TiesStrategy.AVERAGE).
 *
 * Invariants: ranks sum to N(N+1)/2; tied values share the mean of their ranks;
 * `tieSizes` lists every group of equal values with more than one member, in
 * ascending order of value. Inputs must not contain NaN.
 */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    if (j > i) tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}

/** Σ (t³ − t) over tie groups: the tie term of the rank-sum variance. */
export function tieTerm(tieSizes: readonly number[]): number {
  return tieSizes.reduce((s, t) => s + t * t * t - t, 0);
}
