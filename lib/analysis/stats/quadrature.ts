/**
 * Composite Gauss–Legendre quadrature for smooth integrands on a finite interval.
 *
 * Invariants: exact for polynomials of degree < 2·order on each panel; the nodes
 * are computed once per order by Newton's method on the Legendre polynomial
 * (to machine precision), so no tables are copied by hand.
 */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 200, order = 12): number {
  if (!(b > a)) return 0;
  const { nodes, weights } = gaussLegendre(order);
  const h = (b - a) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    let s = 0;
    for (let i = 0; i < order; i++) s += weights[i] * f(mid + (h / 2) * nodes[i]);
    total += (s * h) / 2;
  }
  return total;
}

const cache = new Map<number, { nodes: number[]; weights: number[] }>();

/** Nodes and weights on [−1, 1]. */
export function gaussLegendre(order: number): { nodes: number[]; weights: number[] } {
  const hit = cache.get(order);
  if (hit) return hit;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= order; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (order + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= order; k++) {
        const pk = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = pk;
      }
      dp = (order * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * dp * dp));
  }
  const rule = { nodes, weights };
  cache.set(order, rule);
  return rule;
}
