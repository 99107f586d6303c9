// Builders of WindowData for tests, simulations and benchmarks. Pure.
import { latencyBucketIndex } from "@/lib/dataplane/latency-buckets";
import { emptyTotals, type ArmTotals, type WindowData } from "./window";

/** Totals with `requests`, `errors` and every request's latency at `latencyMs` (or a spread around it). */
export function totals(over: Partial<Omit<ArmTotals, "latencyBuckets">> & { latencyMs?: number } = {}): ArmTotals {
  const t = { ...emptyTotals(), ...over } as ArmTotals & { latencyMs?: number };
  const latency = over.latencyMs;
  delete t.latencyMs;
  t.latencyBuckets = emptyTotals().latencyBuckets;
  if (latency !== undefined && t.requests > 0) {
    // 80 % at the latency, 15 % at twice it, 5 % at four times: a plausible right tail.
    t.latencyBuckets[latencyBucketIndex(latency)] += Math.round(t.requests * 0.8);
    t.latencyBuckets[latencyBucketIndex(latency * 2)] += Math.round(t.requests * 0.15);
    t.latencyBuckets[latencyBucketIndex(latency * 4)] +=
      t.requests - Math.round(t.requests * 0.8) - Math.round(t.requests * 0.15);
    t.latencySumMs = latency * t.requests * 1.3;
  }
  return t;
}

export function windowOf(arms: Record<string, Record<string, ArmTotals>>, champion = "champion"): WindowData {
  return {
    champion,
    challengers: Object.keys(arms).filter((k) => k !== champion),
    windowStart: new Date("2026-01-01T00:00:00Z"),
    windowEnd: new Date("2026-01-01T01:00:00Z"),
    arms,
  };
}
