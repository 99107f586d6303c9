// A gate whose numbers come from PromQL instead of the built-in rollups. The query runs once per
// variant ({{variant}} substituted, {{window}} = the analysis window, e.g. "300s") as an instant
// query at `now`. Any provider trouble (unreachable, HTTP error, PromQL error, no series) makes the
// gate inconclusive with the error in its evidence: never a pass.
import type { PrometheusGate } from "../default-gates";
import type { GateResult } from "../evaluate-gate";

export interface PrometheusContext {
  champion: string;
  challengers: string[];
  windowSeconds: number;
  now: Date;
  timeoutMs?: number;
}

interface QueryResult {
  variant: string;
  query: string;
  value: number | null;
  error: string | null;
}

export async function evaluatePrometheusGate(gate: PrometheusGate, ctx: PrometheusContext): Promise<GateResult> {
  const window = `${Math.max(10, Math.round(ctx.windowSeconds))}s`;
  const results = await Promise.all([ctx.champion, ...ctx.challengers].map((v) => queryScalar(gate, v, window, ctx)));
  const evidence = {
    metric: "prometheus",
    test: "PromQL value comparison",
    url: gate.url,
    threshold: gate.threshold ?? null,
    max: gate.max ?? null,
    window,
    results,
  };
  const broken = results.find((r) => r.error);
  if (broken)
    return {
      gate: gate.name,
      metric: "prometheus",
      // No data yet is waiting (the step holds); an error is for a person to look at.
      verdict: results.every((r) => !r.error || r.error === NO_DATA) ? "waiting" : "inconclusive",
      reason: `Prometheus error for ${broken.variant}: ${broken.error}`,
      evidence,
    };
  const [champion, ...challengers] = results;
  for (const c of challengers) {
    const value = c.value!;
    if (gate.max !== undefined && (gate.higherIsWorse ? value > gate.max : value < gate.max)) {
      return {
        gate: gate.name,
        metric: "prometheus",
        verdict: "fail",
        reason: `${c.variant}: ${fmt(value)} ${gate.higherIsWorse ? "above" : "below"} the limit ${fmt(gate.max)}`,
        evidence,
      };
    }
    if (gate.threshold !== undefined) {
      const base = champion.value!;
      const limit = gate.higherIsWorse ? base * (1 + gate.threshold) : base * (1 - gate.threshold);
      if (gate.higherIsWorse ? value > limit : value < limit) {
        return {
          gate: gate.name,
          metric: "prometheus",
          verdict: "fail",
          reason: `${c.variant}: ${fmt(value)} vs champion ${fmt(base)} (limit ${fmt(limit)})`,
          evidence,
        };
      }
    }
  }
  const summary = challengers.map((c) => `${c.variant} ${fmt(c.value!)}`).join(", ");
  return {
    gate: gate.name,
    metric: "prometheus",
    verdict: "pass",
    reason: `${summary} vs champion ${fmt(champion.value!)}: within limits`,
    evidence,
  };
}

const NO_DATA = "the query returned no data";

async function queryScalar(
  gate: PrometheusGate,
  variant: string,
  window: string,
  ctx: PrometheusContext,
): Promise<QueryResult> {
  const query = gate.query
    .replaceAll("{{variant}}", variant.replace(/["\\]/g, "\\$&"))
    .replaceAll("{{window}}", window);
  const url = new URL("/api/v1/query", gate.url);
  url.searchParams.set("query", query);
  url.searchParams.set("time", String(ctx.now.getTime() / 1000));
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(ctx.timeoutMs ?? 5_000) });
    const body = (await res.json().catch(() => null)) as {
      status?: string;
      error?: string;
      data?: { resultType: string; result: unknown };
    } | null;
    if (!res.ok || body?.status !== "success")
      return { variant, query, value: null, error: body?.error ?? `HTTP ${res.status}` };
    const value = scalarOf(body.data!);
    if (value === null || !Number.isFinite(value)) return { variant, query, value: null, error: NO_DATA };
    return { variant, query, value, error: null };
  } catch (e) {
    return {
      variant,
      query,
      value: null,
      error: (e as Error).name === "TimeoutError" ? "timed out" : `unreachable (${(e as Error).message})`,
    };
  }
}

function scalarOf(data: { resultType: string; result: unknown }): number | null {
  if (data.resultType === "scalar") return Number((data.result as [number, string])[1]);
  if (data.resultType === "vector") {
    const v = data.result as { value: [number, string] }[];
    return v.length ? Number(v[0].value[1]) : null;
  }
  return null;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
