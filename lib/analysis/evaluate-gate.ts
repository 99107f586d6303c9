// Pure gate evaluation: window totals in, verdicts with evidence out. No I/O, so benchmarks and
// simulations drive exactly the code the controller runs.
import { holm } from "./stats/multiple-comparisons";
import type { CompareGate, CountGate, Gate } from "./default-gates";
import { compareMetric, type MetricComparison } from "./compare-metric";
import { ALL_SEGMENTS, armOf, sharedSegments, type WindowData } from "./window";
import { sampleNoun } from "./gate-statistics";
import type { Verdict } from "@/lib/strategies/plan";

export interface GateResult {
  gate: string;
  /** The gate's metric; "agreement" for a shadow's comparison of answers (shadow-gates.ts). */
  metric: Gate["metric"] | "agreement";
  verdict: Verdict;
  /** One sentence for people and for reconcile's rollback reason. */
  reason: string;
  evidence: Record<string, unknown>;
}

/**
 * How far a gate is towards its sample, kept in a run's evidence as `progress` so the page can
 * say "n of N on the challenger, about M min at the current rate" (gate-progress.ts).
 */
export interface GateSampleProgress {
  variant: string;
  have: number;
  /** null: it can't pass at any sample size at this baseline. */
  need: number | null;
  noun: string;
}

/** Evaluates one gate on its own (its comparisons form the multiple-comparison family). */
export function evaluateGate(gate: Gate, window: WindowData): GateResult {
  return evaluateGates([gate], window)[0];
}

/**
 * Evaluates every built-in gate over the same window. Compare gates run an always-valid
 * (sequential) test per challenger and segment; all their p-values are Holm-corrected together,
 * so adding segments or metrics doesn't raise the chance of a wrong rollback. Prometheus gates
 * need I/O and are evaluated by providers/prometheus.ts; here they come back inconclusive.
 */
export function evaluateGates(gates: Gate[], window: WindowData): GateResult[] {
  const compared = new Map<string, MetricComparison[]>();
  for (const gate of gates) {
    if (!isCompareGate(gate)) continue;
    const list: MetricComparison[] = [];
    for (const challenger of window.challengers) {
      const segments = [ALL_SEGMENTS, ...(gate.segments ? sharedSegments(window, challenger) : [])];
      for (const segment of segments) {
        list.push(
          compareMetric({
            gate,
            challenger,
            segment,
            champion: armOf(window, window.champion, segment),
            candidate: armOf(window, challenger, segment),
          }),
        );
      }
    }
    compared.set(gate.name, list);
  }
  const family = [...compared.values()].flat().filter((c) => c.tested);
  const adjusted = family.length ? holm(family.map((c) => c.pValue)) : [];
  family.forEach((c, i) => (c.adjustedPValue = adjusted[i]));
  return gates.map((gate) => {
    if (isCompareGate(gate)) return decideCompare(gate, compared.get(gate.name) ?? [], family.length);
    if (gate.metric === "prometheus") {
      return {
        gate: gate.name,
        metric: gate.metric,
        verdict: "inconclusive",
        reason: "Prometheus gates are evaluated by the provider",
        evidence: {},
      };
    }
    return decideCount(gate, window);
  });
}

export function isCompareGate(gate: Gate): gate is CompareGate {
  return gate.metric !== "prometheus" && gate.metric !== "critical_errors" && gate.metric !== "complaints";
}

/**
 * Any comparison failing (a segment too) fails the gate; it passes when every challenger passes
 * on all traffic; it is inconclusive when a challenger has its sample and still can't be decided;
 * otherwise it waits for data.
 */
function decideCompare(gate: CompareGate, comparisons: MetricComparison[], familySize: number): GateResult {
  for (const c of comparisons) c.decision = c.decide(gate.alpha);
  const failed = comparisons.filter((c) => c.decision === "fail");
  const overall = comparisons.filter((c) => c.segment === ALL_SEGMENTS);
  const verdict: Verdict = failed.length
    ? "fail"
    : overall.length > 0 && overall.every((c) => c.decision === "pass")
      ? "pass"
      : overall.some((c) => c.decision === "inconclusive") || overall.length === 0
        ? "inconclusive"
        : "waiting";
  const focus =
    failed[0] ??
    overall.find((c) => c.decision === "inconclusive") ??
    overall.find((c) => c.decision !== "pass") ??
    overall[0];
  const reason = !focus
    ? "No challenger to compare"
    : verdict === "fail"
      ? `${focus.describe()}${focus.segment === ALL_SEGMENTS ? "" : ` on segment ${focus.segment}`}`
      : verdict === "pass"
        ? `${focus.describe()}: within limits`
        : `${focus.describe()}: ${focus.note}`;
  return {
    gate: gate.name,
    metric: gate.metric,
    verdict,
    reason,
    evidence: {
      metric: gate.metric,
      threshold: gate.threshold,
      passMargin: comparisons[0]?.passMargin ?? null,
      minSamples: gate.minSamples,
      alpha: gate.alpha,
      test: "gbstats-sequential (always-valid confidence sequence, absolute difference)",
      correction: { method: "holm", familySize },
      comparisons: comparisons.map((c) => c.toEvidence()),
      ...(focus ? { progress: progressOf(gate, focus) } : {}),
    },
  };
}

/** The sample the slowest challenger still waits for (the focus of the verdict). */
function progressOf(gate: CompareGate, c: MetricComparison): GateSampleProgress {
  return {
    variant: c.challenger,
    have: c.treatment.n,
    need: Number.isFinite(c.required) ? c.required : null,
    noun: sampleNoun(gate.metric),
  };
}

function decideCount(gate: CountGate, window: WindowData): GateResult {
  const field = gate.metric === "critical_errors" ? "criticalErrors" : "complaints";
  const label = gate.metric === "critical_errors" ? "critical errors" : "complaints";
  const perChallenger = window.challengers.map((ch) => {
    const counted =
      gate.withinSeconds && window.countWindows?.[gate.name] ? window.countWindows[gate.name][ch] : armOf(window, ch);
    const seen = armOf(window, ch);
    return {
      variant: ch,
      count: counted?.[field] ?? 0,
      requests: seen.requests,
      outcomes: seen.outcomeCount + seen.labelled + seen.complaints + seen.criticalErrors,
    };
  });
  const bad = perChallenger.find((c) => c.count > gate.max);
  const noData = perChallenger.every((c) => c.requests === 0 && c.outcomes === 0);
  const period = gate.withinSeconds ? ` in the first ${formatSeconds(gate.withinSeconds)}` : "";
  const verdict: Verdict = bad ? "fail" : noData ? "waiting" : "pass";
  const reason = bad
    ? `${bad.count} ${label} on ${bad.variant}${period} (limit ${gate.max})`
    : noData
      ? "No challenger traffic in the window yet"
      : `${Math.max(0, ...perChallenger.map((c) => c.count))} ${label}${period} (limit ${gate.max})`;
  return {
    gate: gate.name,
    metric: gate.metric,
    verdict,
    reason,
    evidence: {
      metric: gate.metric,
      test: "count",
      threshold: gate.max,
      withinSeconds: gate.withinSeconds ?? null,
      perChallenger,
    },
  };
}

function formatSeconds(s: number): string {
  return s % 3600 === 0 ? `${s / 3600 === 1 ? "hour" : `${s / 3600} h`}` : s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}
