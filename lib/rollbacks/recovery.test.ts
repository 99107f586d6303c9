import { describe, expect, it } from "vitest";
import { compareRecovery, p95FromBuckets } from "./recovery";

// 14 buckets: bounds 1,2,5,10,25,50,100,250,500,1000,2500,5000,10000 ms + overflow.
const hist = (at: Record<number, number>) => Array.from({ length: 14 }, (_, i) => at[i] ?? 0);

describe("p95FromBuckets", () => {
  it("returns the upper bound of the 95th percentile bucket", () => {
    expect(p95FromBuckets(hist({}))).toBeNull();
    expect(p95FromBuckets(hist({ 4: 95, 6: 5 }))).toBe(25);
    expect(p95FromBuckets(hist({ 4: 90, 6: 10 }))).toBe(100);
    expect(p95FromBuckets(hist({ 13: 100 }))).toBe(Infinity);
  });
});

describe("compareRecovery", () => {
  const baseline = { requests: 1000, errors: 10, latencyBuckets: hist({ 4: 960, 5: 40 }) };
  it("is recovered when error rate and p95 are back within the triggers", () => {
    const r = compareRecovery(baseline, { requests: 200, errors: 2, latencyBuckets: hist({ 4: 195, 5: 5 }) });
    expect(r.verdict).toBe("recovered");
    expect(r.checks.map((c) => c.ok)).toEqual([true, true]);
  });
  it("is not recovered when errors stay high, naming the metric", () => {
    const r = compareRecovery(baseline, { requests: 200, errors: 10, latencyBuckets: hist({ 4: 200 }) });
    expect(r.verdict).toBe("not_recovered");
    expect(r.summary).toMatch(/error rate 5.00 %/);
  });
  it("is not recovered when p95 is more than 50 % above baseline", () => {
    const r = compareRecovery(baseline, { requests: 200, errors: 0, latencyBuckets: hist({ 4: 100, 6: 100 }) });
    expect(r.verdict).toBe("not_recovered");
    expect(r.checks[1]).toMatchObject({ metric: "p95_latency_ms", baseline: 25, after: 100, limit: 37.5, ok: false });
  });
  it("is inconclusive without enough traffic or without a baseline, never recovered", () => {
    expect(compareRecovery(baseline, { requests: 10, errors: 0, latencyBuckets: hist({ 4: 10 }) }).verdict).toBe(
      "inconclusive",
    );
    expect(compareRecovery({ requests: 0, errors: 0, latencyBuckets: hist({}) }, baseline).verdict).toBe(
      "inconclusive",
    );
  });
});
