import type { MetricLabel } from "./kayenta-classify";

export interface ScoredMetric {
  name: string;
  groups: readonly string[];
  classification: MetricLabel;
  critical?: boolean;
}

export interface GroupScore {
  score: number;
  /** True when the group has no Pass/High/Low/NodataFailMetric metric; it then counts as 100. */
  noData: boolean;
}

export interface KayentaScore {
  groupScores: Record<string, GroupScore>;
  /** 0..100, rounded half-up to 2 decimals as Kayenta does. */
  summaryScore: number;
  classification: "Pass" | "Marginal" | "Fail";
  failReason: "critical failure" | "too many nodata" | null;
}

const NODATA_THRESHOLD_PERCENT = 50;

/**
 * Kayenta WeightedSumScorer + ThresholdScoreClassifier.
 *
 * Invariants: group score = 100·Pass / (Pass + High + Low + NodataFailMetric);
 * Nodata and Error are left out of the denominator; unweighted groups share
 * (100 − Σ weights) equally; any critical metric that is not Pass, or ≥ 50 % Nodata,
 * forces summary 0 and Fail. Pass if summary ≥ pass, Marginal if ≥ marginal.
 */
export function scoreKayenta(
  metrics: readonly ScoredMetric[],
  groupWeights: Readonly<Record<string, number>>,
  thresholds: { pass: number; marginal: number },
): KayentaScore {
  const byGroup = new Map<string, MetricLabel[]>();
  for (const m of metrics) {
    for (const g of m.groups) byGroup.set(g, [...(byGroup.get(g) ?? []), m.classification]);
  }
  const groupScores: Record<string, GroupScore> = {};
  for (const [group, labels] of byGroup) {
    const count = (l: MetricLabel) => labels.filter((x) => x === l).length;
    const pass = count("Pass");
    const total = pass + count("High") + count("Low") + count("NodataFailMetric");
    groupScores[group] = total === 0 ? { score: 0, noData: true } : { score: (pass / total) * 100, noData: false };
  }
  let failReason: KayentaScore["failReason"] = null;
  if (metrics.some((m) => m.critical && m.classification !== "Pass")) failReason = "critical failure";
  else if (
    (metrics.filter((m) => m.classification === "Nodata").length / metrics.length) * 100 >=
    NODATA_THRESHOLD_PERCENT
  ) {
    failReason = "too many nodata";
  }
  const summaryScore = failReason ? 0 : summary(groupScores, groupWeights);
  const classification = failReason
    ? "Fail"
    : summaryScore >= thresholds.pass
      ? "Pass"
      : summaryScore >= thresholds.marginal
        ? "Marginal"
        : "Fail";
  return { groupScores, summaryScore, classification, failReason };
}

function summary(groups: Record<string, GroupScore>, weights: Readonly<Record<string, number>>): number {
  const weightSum = Object.values(weights).reduce((s, w) => s + w, 0);
  const unweighted = Object.keys(groups).filter((g) => !(g in weights));
  const shared = unweighted.length ? (100 - weightSum) / unweighted.length : 0;
  let total = 0;
  for (const [name, g] of Object.entries(groups)) {
    total += (g.noData ? 100 : g.score) * ((weights[name] ?? shared) / 100);
  }
  return roundHalfUp2(total);
}

// commons-math MathUtils.round(x, 2): HALF_UP on the shortest decimal representation.
function roundHalfUp2(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const text = String(Math.abs(x));
  if (text.includes("e")) return Math.round(x * 100) / 100;
  return (sign * Math.round(Number(`${text}e2`))) / 100;
}
