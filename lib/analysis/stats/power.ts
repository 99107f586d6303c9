import { normCdf, normPpf } from "./distributions";

/**
 * GrowthBook power.ts (frequentist, fixed horizon) for a relative effect on a
 * conversion rate, so plans match what GrowthBook would show.
 *
 * Invariants: both arms use the control variance v = cr(1 − cr) (GrowthBook's
 * convention), the treatment mean is cr(1 + effect); power ∈ [α/2, 1] for a
 * two-tailed test and grows with n.
 */
export function relativeStandardError(conversionRate: number, relativeEffect: number, nPerVariation: number): number {
  const v = conversionRate * (1 - conversionRate);
  const mA = conversionRate;
  const mB = conversionRate * (1 + relativeEffect);
  return Math.sqrt(v / (mA ** 2 * nPerVariation) + (v * mB ** 2) / (mA ** 4 * nPerVariation));
}

/** Power to detect `relativeEffect` with n per variation: 1 − Φ(z* − eff/se) + Φ(−z* − eff/se). */
export function powerRelative(input: {
  conversionRate: number;
  relativeEffect: number;
  nPerVariation: number;
  alpha?: number;
  twoTailed?: boolean;
}): { standardError: number; power: number } {
  const alpha = input.alpha ?? 0.05;
  const twoTailed = input.twoTailed ?? true;
  const zStar = normPpf(twoTailed ? 1 - alpha / 2 : 1 - alpha);
  const se = relativeStandardError(input.conversionRate, input.relativeEffect, input.nPerVariation);
  const ratio = Math.abs(input.relativeEffect) / se;
  const power = twoTailed ? 1 - normCdf(zStar - ratio) + normCdf(-zStar - ratio) : 1 - normCdf(zStar - ratio);
  return { standardError: se, power };
}
