import { describe, expect, it } from "vitest";
import { checkHealth, checkOfflineMetrics, checkRollbackPlan, checkRouters, lowerIsBetter } from "./system-checks";

describe("checkOfflineMetrics", () => {
  it("passes a challenger at least as good as the champion", () => {
    const r = checkOfflineMetrics(
      { accuracy: 0.931, f1: 0.918, p95_latency_ms: 41 },
      { accuracy: 0.912, f1: 0.897, p95_latency_ms: 38 },
    );
    expect(r.ok).toBe(true);
    expect(r.comparisons).toHaveLength(3);
    expect(r.summary).toBe("3 metrics within tolerance of the champion");
  });
  it("fails quality more than 2 % below the champion, naming the metric", () => {
    const r = checkOfflineMetrics({ accuracy: 0.88 }, { accuracy: 0.912 });
    expect(r.ok).toBe(false);
    expect(r.summary).toContain("accuracy 0.88 vs 0.912");
  });
  it("allows a small drop within tolerance", () => {
    expect(checkOfflineMetrics({ auc: 0.85 }, { auc: 0.861 }).ok).toBe(true);
  });
  it("treats latency, loss and error as lower-is-better", () => {
    expect(lowerIsBetter("p95_latency_ms")).toBe(true);
    expect(lowerIsBetter("log_loss")).toBe(true);
    expect(lowerIsBetter("accuracy")).toBe(false);
    expect(checkOfflineMetrics({ p95_latency_ms: 45 }, { p95_latency_ms: 38 }).ok).toBe(false);
    expect(checkOfflineMetrics({ p95_latency_ms: 41 }, { p95_latency_ms: 38 }).ok).toBe(true);
  });
  it("fails when nothing can be verified", () => {
    expect(checkOfflineMetrics({}, { auc: 0.8 }).summary).toMatch(/no offline metrics/);
    expect(checkOfflineMetrics({ auc: 0.8 }, {}).summary).toMatch(/no metric in common/);
  });
});

describe("checkRouters", () => {
  it("needs every router healthy and in sync", () => {
    expect(checkRouters([]).ok).toBe(false);
    expect(checkRouters([{ name: "edge", health: "healthy", desiredVersion: 3, appliedVersion: 3 }]).ok).toBe(true);
    const r = checkRouters([
      { name: "edge", health: "healthy", desiredVersion: 3, appliedVersion: 2 },
      { name: "b", health: "unknown", desiredVersion: 0, appliedVersion: 0 },
    ]);
    expect(r.ok).toBe(false);
    expect(r.summary).toBe("edge is healthy and out of sync (v2 of v3); b is unknown");
  });
});

describe("checkRollbackPlan and checkHealth", () => {
  it("needs a champion endpoint and a valid plan", () => {
    expect(checkRollbackPlan(undefined, []).ok).toBe(false);
    expect(checkRollbackPlan({ key: "champion", upstreamUrl: "" }, []).ok).toBe(false);
    expect(
      checkRollbackPlan({ key: "champion", upstreamUrl: "http://a" }, ["The plan has no steps."]).summary,
    ).toContain("no steps");
    expect(checkRollbackPlan({ key: "champion", upstreamUrl: "http://a" }, []).ok).toBe(true);
  });
  it("needs 200 from every variant", () => {
    expect(checkHealth([]).ok).toBe(false);
    expect(checkHealth([{ variant: "champion", url: "u", status: 200, ms: 3 }]).ok).toBe(true);
    const r = checkHealth([
      { variant: "champion", url: "u", status: 200, ms: 3 },
      { variant: "challenger", url: "v", status: null, error: "connection refused", ms: 3 },
    ]);
    expect(r.summary).toBe("challenger: connection refused");
  });
});
