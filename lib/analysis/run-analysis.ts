// Runs a rollout's gates once and records one AnalysisRun per gate with its evidence. Called by
// the controller for runAnalysis intents (no "server-only": the controller process imports it).
import type { AnalysisRun } from "@/lib/generated/prisma/client";
import type { PrismaClient } from "@/lib/db/create-client";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { systemContext } from "@/lib/permissions";
import { isExperiment, type Strategy } from "@/lib/strategies/plan";
import type { Verdict } from "@/lib/strategies/plan";
import { abTestReport } from "./ab-report";
import { parseRolloutGates, type Gate } from "./default-gates";
import { evaluateGates, isCompareGate, type GateResult } from "./evaluate-gate";
import { loadTotals } from "./load-window";
import {
  agreementGate,
  DEFAULT_MIN_AGREEMENT,
  DEFAULT_SHADOW_MIN_SAMPLES,
  SHADOW_AGREEMENT,
  shadowCompareGates,
} from "./shadow-gates";
import { evaluatePrometheusGate } from "./providers/prometheus";
import { checkWeightsApplied } from "./weights-applied";
import type { WindowData } from "./window";

export interface RunAnalysisInput {
  rolloutId: string;
  /** The plan step the verdicts belong to (reconcile reads the current step's); null for ad-hoc runs. */
  stepIndex: number | null;
  now: Date;
  /** Look back at most this far; default: everything since the current weights were applied. */
  windowSeconds?: number;
}

export interface RunAnalysisResult {
  verdict: Verdict;
  runs: AnalysisRun[];
  reason: string;
}

/**
 * Overall verdict: any gate fails → fail; every gate passes → pass; any gate that has its sample
 * and can't decide (or invalid gates, or nothing to compare) → inconclusive; otherwise waiting
 * (too few samples, or weights not yet confirmed by every router). Never pass on missing data. The evidence of every run holds `reason` (one sentence) next to the
 * values, sample sizes, test, p-values/intervals and thresholds.
 */
export async function runRolloutAnalysis(db: PrismaClient, input: RunAnalysisInput): Promise<RunAnalysisResult> {
  const rollout = await db.rollout.findUnique({
    where: { id: input.rolloutId },
    include: { variants: true, steps: { orderBy: { index: "asc" } } },
  });
  if (!rollout) throw new Error(`rollout ${input.rolloutId} not found`);
  const step = input.stepIndex === null ? undefined : rollout.steps.find((s) => s.index === input.stepIndex);
  const params = (step?.params ?? {}) as { gates?: unknown; minSamples?: unknown };
  const { gates: defined, error } = parseRolloutGates(rollout.gates);
  const wanted =
    Array.isArray(params.gates) && params.gates.length ? params.gates.map(String) : defined.map((g) => g.name);
  const minSamples = typeof params.minSamples === "number" && params.minSamples > 0 ? params.minSamples : null;
  const named = wanted.filter((n) => !defined.some((g) => g.name === n));
  // A shadow's plan names "errors" and "latency" (judged on the mirrored copies) and "agreement".
  const shadow = rollout.strategy === "shadow";
  const gates = [
    ...defined
      .filter((g) => wanted.includes(g.name))
      .map((g) => (minSamples && isCompareGate(g) ? { ...g, minSamples: Math.max(g.minSamples, minSamples) } : g)),
    ...(shadow ? shadowCompareGates(defined, named, minSamples) : []),
  ];
  const agreement = shadow && named.includes(SHADOW_AGREEMENT);
  const undefinedNames = named.filter(
    (n) => !gates.some((g) => g.name === n) && !(agreement && n === SHADOW_AGREEMENT),
  );
  const shadowConfig = rollout.config as { minSamples?: unknown; minAgreement?: unknown };
  const champion = rollout.variants.find((v) => v.role === "champion")?.key;
  const challengers = rollout.variants.filter((v) => v.role === "challenger").map((v) => v.key);

  let results: GateResult[];
  let windowStart = input.now;
  if (error) {
    results = [held("gates", error)];
  } else if (!champion || challengers.length === 0) {
    results = wanted.map((n) => held(n, "The rollout needs a champion and at least one challenger to compare"));
  } else {
    const applied = await checkWeightsApplied(db, rollout);
    if (!applied.applied) {
      results = wanted.map((n) => held(n, applied.reason, "waiting"));
    } else {
      windowStart = new Date(
        Math.max(
          applied.appliedAt.getTime(),
          input.windowSeconds ? input.now.getTime() - input.windowSeconds * 1000 : 0,
        ),
      );
      const [arms, counts] = await Promise.all([
        loadTotals(db, { rolloutId: rollout.id, from: windowStart, to: input.now }),
        countWindows(db, {
          rolloutId: rollout.id,
          gates,
          startedAt: rollout.startedAt ?? applied.appliedAt,
          now: input.now,
        }),
      ]);
      const window: WindowData = {
        champion,
        challengers,
        windowStart,
        windowEnd: input.now,
        arms,
        countWindows: counts,
      };
      results = await evaluateAll(gates, window, input.now);
      if (agreement)
        results.push(
          agreementGate(window, {
            minSamples:
              minSamples ??
              (typeof shadowConfig.minSamples === "number" ? shadowConfig.minSamples : DEFAULT_SHADOW_MIN_SAMPLES),
            minAgreement:
              typeof shadowConfig.minAgreement === "number" ? shadowConfig.minAgreement : DEFAULT_MIN_AGREEMENT,
          }),
        );
      for (const name of undefinedNames)
        results.push(
          primaryGate({
            name,
            window,
            strategy: rollout.strategy,
            config: rollout.config as Record<string, unknown>,
            weights: rollout.desiredWeights as Record<string, number>,
            minSamples,
          }),
        );
    }
  }
  const verdict = overall(results);
  const reason = summary(results, verdict);
  const runs = await db.$transaction(async (tx) => {
    const created = await tx.analysisRun.createManyAndReturn({
      data: results.map((r) => ({
        rolloutId: rollout.id,
        stepIndex: input.stepIndex,
        gate: r.gate,
        verdict: r.verdict,
        evidence: { reason: r.reason, ...r.evidence } as object,
        windowStart,
        windowEnd: input.now,
        createdAt: input.now,
      })),
    });
    // A fail triggers an automatic rollback, so it is audited with the runs; passes and holds are
    // recorded by the runs themselves (every interval) and the step changes the controller audits.
    if (verdict === "fail") {
      await writeAuditEvent(tx, systemContext("controller"), {
        action: `analysis.${verdict}`,
        entityType: "rollout",
        entityId: rollout.id,
        meta: { stepIndex: input.stepIndex, reason, gates: results.map((r) => ({ gate: r.gate, verdict: r.verdict })) },
      });
    }
    return created;
  });
  return { verdict, runs, reason };
}

async function evaluateAll(gates: Gate[], window: WindowData, now: Date): Promise<GateResult[]> {
  const builtin = evaluateGates(gates, window);
  const seconds = (window.windowEnd.getTime() - window.windowStart.getTime()) / 1000;
  return Promise.all(
    gates.map((g, i) =>
      g.metric === "prometheus"
        ? evaluatePrometheusGate(g, {
            champion: window.champion,
            challengers: window.challengers,
            windowSeconds: seconds,
            now,
          })
        : builtin[i],
    ),
  );
}

/** Totals over the rollout's first N seconds for count gates such as "complaints in the first hour". */
async function countWindows(
  db: PrismaClient,
  { rolloutId, gates, startedAt, now }: { rolloutId: string; gates: Gate[]; startedAt: Date; now: Date },
): Promise<WindowData["countWindows"]> {
  const out: NonNullable<WindowData["countWindows"]> = {};
  for (const g of gates) {
    if ((g.metric !== "complaints" && g.metric !== "critical_errors") || !g.withinSeconds) continue;
    const end = new Date(Math.min(now.getTime(), startedAt.getTime() + g.withinSeconds * 1000));
    const totals = await loadTotals(db, { rolloutId, from: startedAt, to: end, allSegmentsOnly: true });
    out[g.name] = Object.fromEntries(Object.entries(totals).map(([v, segs]) => [v, segs["*"]]));
  }
  return out;
}

/**
 * A step gate that names the experiment's primary metric ("primary" or e.g. "conversion") rather
 * than a defined gate: pass when a challenger wins the A/B report, fail when the champion
 * significantly wins, otherwise inconclusive.
 */
function primaryGate({
  name,
  window,
  strategy,
  config,
  weights,
  minSamples,
}: {
  name: string;
  window: WindowData;
  strategy: Strategy;
  config: Record<string, unknown>;
  weights: Record<string, number>;
  minSamples: number | null;
}): GateResult {
  if (!isExperiment(strategy) && name !== "primary") {
    return held(name, `Gate "${name}" is not defined on this rollout`);
  }
  const split = (config.split as Record<string, number> | undefined) ?? weights;
  const report = abTestReport(window, {
    primaryMetric:
      typeof config.primaryMetric === "string" && config.primaryMetric !== "primary" ? config.primaryMetric : undefined,
    split,
  });
  const primaryRows = report.rows.filter((r) => r.primary);
  const n = Math.min(...primaryRows.map((r) => Math.min(r.champion.n, r.candidate.n)), Infinity);
  const evidence = {
    metric: report.primaryMetric,
    test: "A/B report (sequential p, Holm)",
    decision: report.decision,
    srm: report.srm,
    correction: report.correction,
    rows: primaryRows,
  };
  if (minSamples && !(n >= minSamples))
    return {
      gate: name,
      metric: "conversion_rate",
      verdict: "waiting",
      reason: `${Number.isFinite(n) ? n : 0} of ${minSamples} samples per arm`,
      evidence: {
        ...evidence,
        progress: { variant: "each arm", have: Number.isFinite(n) ? n : 0, need: minSamples, noun: "samples" },
      },
    };
  const d = report.decision;
  const verdict: Verdict =
    d.outcome === "ship_challenger"
      ? "pass"
      : d.outcome === "keep_champion" && primaryRows.some((r) => r.significant && r.better === false)
        ? "fail"
        : "inconclusive";
  return { gate: name, metric: "conversion_rate", verdict, reason: `${d.headline}. ${d.detail}`, evidence };
}

function held(gate: string, reason: string, verdict: Verdict = "inconclusive"): GateResult {
  return { gate, metric: "error_rate", verdict, reason, evidence: {} };
}

function overall(results: GateResult[]): Verdict {
  if (results.some((r) => r.verdict === "fail")) return "fail";
  if (results.length > 0 && results.every((r) => r.verdict === "pass")) return "pass";
  if (results.length === 0 || results.some((r) => r.verdict === "inconclusive")) return "inconclusive";
  return "waiting";
}

function summary(results: GateResult[], verdict: Verdict): string {
  if (results.length === 0) return "No gates to evaluate";
  const pick = results.filter((r) => r.verdict === verdict);
  if (verdict === "pass") return `All ${results.length} gates pass`;
  return pick.map((r) => `${r.gate}: ${r.reason}`).join("; ");
}
