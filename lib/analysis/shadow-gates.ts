// The gates a shadow's plan names ("agreement", "errors", "latency"), judged on the mirrored
// copies: a shadow never serves the challenger, so its answers are compared with the champion's
// on the same requests (the router counts mirrored copies and agreements), and its own error rate
// and latency on those copies are compared with the champion's. Pure.
import { gateSchema, DEFAULT_GATES, type Gate } from "./default-gates";
import type { GateResult } from "./evaluate-gate";
import { wilson } from "./metrics-series";
import { emptyTotals, type WindowData } from "./window";

export const SHADOW_AGREEMENT = "agreement";
/** Below this share of answers agreeing with the champion's, something is broken, not better. */
export const DEFAULT_MIN_AGREEMENT = 0.5;
export const DEFAULT_SHADOW_MIN_SAMPLES = 500;

/**
 * "errors" and "latency" as compare gates: the rollout's own error-rate and p95 gates under those
 * names (so a system's template sets their thresholds), else the product's defaults.
 */
export function shadowCompareGates(defined: Gate[], names: string[], minSamples: number | null): Gate[] {
  const pick = (metric: "error_rate" | "latency_p95", name: string): Gate => {
    const own =
      defined.find((g) => g.metric === metric) ?? gateSchema.parse(DEFAULT_GATES.find((g) => g.metric === metric));
    const gate = { ...own, name } as Gate;
    return minSamples && "minSamples" in gate
      ? ({ ...gate, minSamples: Math.max(gate.minSamples, minSamples) } as Gate)
      : gate;
  };
  const out: Gate[] = [];
  if (names.includes("errors")) out.push(pick("error_rate", "errors"));
  if (names.includes("latency")) out.push(pick("latency_p95", "latency"));
  return out;
}

/**
 * Agreement of each challenger's mirrored answers with the champion's, with its Wilson 95 %
 * interval: waiting until `minSamples` copies were compared, then pass when the interval's lower
 * bound is at or above `minAgreement`, fail when its upper bound is below it, else inconclusive.
 */
export function agreementGate(
  window: WindowData,
  { minSamples, minAgreement }: { minSamples: number; minAgreement: number },
): GateResult {
  const rows = window.challengers.map((key) => {
    const t = window.arms[key]?.["*"] ?? emptyTotals();
    return { key, n: t.mirrored, agreed: t.agreements, interval: wilson(t.agreements, t.mirrored) };
  });
  const least = rows.reduce((a, b) => (b.n < a.n ? b : a), rows[0]!);
  const evidence = {
    test: "Wilson 95 % interval of the share of mirrored answers equal to the champion's",
    minAgreement,
    rows: rows.map((r) => ({ variant: r.key, compared: r.n, agreed: r.agreed, interval: r.interval })),
    progress: { variant: least.key, have: least.n, need: minSamples, noun: "mirrored answers" },
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const line = (r: (typeof rows)[number]) =>
    r.interval
      ? `${pct(r.agreed / r.n)} agreement (${pct(r.interval[0])}–${pct(r.interval[1])}, n = ${r.n})`
      : "no answers compared yet";
  if (least.n < minSamples)
    return {
      gate: SHADOW_AGREEMENT,
      metric: "agreement",
      verdict: "waiting",
      reason: `${least.n} of ${minSamples} mirrored answers compared; ${line(least)}`,
      evidence,
    };
  const failing = rows.find((r) => r.interval && r.interval[1] < minAgreement);
  if (failing)
    return {
      gate: SHADOW_AGREEMENT,
      metric: "agreement",
      verdict: "fail",
      reason: `${failing.key} agrees with the champion on only ${line(failing)}, below ${pct(minAgreement)}`,
      evidence,
    };
  const unsure = rows.find((r) => !r.interval || r.interval[0] < minAgreement);
  return {
    gate: SHADOW_AGREEMENT,
    metric: "agreement",
    verdict: unsure ? "inconclusive" : "pass",
    reason: unsure
      ? `${unsure.key}: ${line(unsure)}; can't yet tell whether it is above ${pct(minAgreement)}`
      : rows.map((r) => `${r.key}: ${line(r)}`).join("; "),
    evidence,
  };
}
