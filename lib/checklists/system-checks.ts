// The checklist items Switchyard verifies itself, as pure functions from facts to a verdict with
// its evidence. verify-system-checks.ts gathers the facts and stores the results.

export interface CheckResult {
  ok: boolean;
  /** One sentence shown next to the item and in the start blockers. */
  summary: string;
  [detail: string]: unknown;
}

/** Relative tolerance against the champion: quality metrics may drop 2 %, cost metrics rise 10 %. */
export const OFFLINE_TOLERANCE = { higherIsBetter: 0.02, lowerIsBetter: 0.1 };

const LOWER_IS_BETTER = /(latency|_ms$|_seconds$|loss|error|rmse|mae|mse|cost|size|log_loss|brier)/i;

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.test(metric);
}

export interface MetricComparison {
  metric: string;
  challenger: number;
  champion: number;
  direction: "higher_is_better" | "lower_is_better";
  limit: number;
  ok: boolean;
}

/**
 * Challenger's offline metrics (from the registry) against the champion's: each metric both have
 * must not be worse than the champion by more than the tolerance. No metrics, or nothing to
 * compare with, fails: it can't be verified.
 */
export function checkOfflineMetrics(
  challenger: Record<string, unknown>,
  champion: Record<string, unknown>,
  tolerance = OFFLINE_TOLERANCE,
): CheckResult {
  const mine = numbers(challenger);
  const base = numbers(champion);
  if (Object.keys(mine).length === 0)
    return { ok: false, summary: "the challenger has no offline metrics in the registry", comparisons: [] };
  const comparisons: MetricComparison[] = Object.keys(mine)
    .filter((m) => m in base)
    .sort()
    .map((metric) => {
      const lower = lowerIsBetter(metric);
      const champ = base[metric]!;
      const limit = lower ? champ * (1 + tolerance.lowerIsBetter) : champ * (1 - tolerance.higherIsBetter);
      const value = mine[metric]!;
      return {
        metric,
        challenger: value,
        champion: champ,
        direction: lower ? "lower_is_better" : "higher_is_better",
        limit: round(limit),
        ok: lower ? value <= limit : value >= limit,
      };
    });
  if (comparisons.length === 0)
    return { ok: false, summary: "no metric in common with the champion to compare against", comparisons, tolerance };
  const worse = comparisons.filter((c) => !c.ok);
  return {
    ok: worse.length === 0,
    summary: worse.length
      ? `worse than the champion beyond tolerance: ${worse.map((c) => `${c.metric} ${c.challenger} vs ${c.champion}`).join(", ")}`
      : `${comparisons.length} metric${comparisons.length === 1 ? "" : "s"} within tolerance of the champion`,
    comparisons,
    tolerance,
  };
}

export interface RouterFacts {
  name: string;
  health: string;
  desiredVersion: number;
  appliedVersion: number;
  lastError?: string | null;
}

/** Every router of the system healthy and serving the config version it was sent. */
export function checkRouters(routers: RouterFacts[]): CheckResult {
  if (routers.length === 0) return { ok: false, summary: "the system has no routers registered", routers: [] };
  const rows = routers.map((r) => ({
    ...r,
    inSync: r.appliedVersion === r.desiredVersion,
    ok: r.health === "healthy" && r.appliedVersion === r.desiredVersion,
  }));
  const bad = rows.filter((r) => !r.ok);
  return {
    ok: bad.length === 0,
    summary: bad.length
      ? bad
          .map(
            (r) =>
              `${r.name} is ${r.health}${r.inSync ? "" : ` and out of sync (v${r.appliedVersion} of v${r.desiredVersion})`}`,
          )
          .join("; ")
      : `${rows.length} router${rows.length === 1 ? "" : "s"} healthy and in sync`,
    routers: rows,
  };
}

/** Rollback goes to the champion: it must exist with an endpoint, and the plan must be valid. */
export function checkRollbackPlan(
  champion: { key: string; upstreamUrl: string } | undefined,
  planProblems: string[],
): CheckResult {
  if (!champion) return { ok: false, summary: "the rollout has no champion to roll back to" };
  if (!champion.upstreamUrl.trim()) return { ok: false, summary: "the champion has no endpoint to roll back to" };
  if (planProblems.length)
    return { ok: false, summary: `the plan does not validate: ${planProblems.join(" ")}`, champion, planProblems };
  return {
    ok: true,
    summary: `rollback sends all traffic to ${champion.key} at ${champion.upstreamUrl}`,
    champion,
    planProblems,
  };
}

export interface HealthProbe {
  variant: string;
  url: string;
  status: number | null;
  error?: string;
  ms: number;
}

/** GET <upstream>/healthz answered 200 for every variant. */
export function checkHealth(probes: HealthProbe[]): CheckResult {
  if (probes.length === 0) return { ok: false, summary: "no variant endpoints to probe", probes };
  const bad = probes.filter((p) => p.status !== 200);
  return {
    ok: bad.length === 0,
    summary: bad.length
      ? bad.map((p) => `${p.variant}: ${p.status === null ? (p.error ?? "no answer") : `HTTP ${p.status}`}`).join("; ")
      : `${probes.length} endpoint${probes.length === 1 ? "" : "s"} answered 200 on /healthz`,
    probes,
  };
}

function numbers(m: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m ?? {})) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  return out;
}

function round(n: number) {
  return Math.round(n * 1e6) / 1e6;
}
