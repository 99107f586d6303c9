import { describe, expect, it } from "vitest";
import { LATENCY_BUCKET_BOUNDS_MS, latencyBucketIndex } from "./latency-buckets";
import { Metrics, OVERFLOW_LABEL } from "./metrics";
import { reportCellSchema } from "./report-schema";

describe("latencyBucketIndex", () => {
  it("puts a latency in the first bucket whose bound holds it (bounds inclusive)", () => {
    expect(latencyBucketIndex(0)).toBe(0);
    expect(latencyBucketIndex(1)).toBe(0);
    expect(latencyBucketIndex(1.01)).toBe(1);
    expect(latencyBucketIndex(250)).toBe(LATENCY_BUCKET_BOUNDS_MS.indexOf(250));
    expect(latencyBucketIndex(1e9)).toBe(LATENCY_BUCKET_BOUNDS_MS.length);
  });
});

describe("Metrics", () => {
  it("keeps running totals for Prometheus with a cumulative histogram", () => {
    const m = new Metrics();
    m.recordRequest("ro", "champion", "billing", 3, false);
    m.recordRequest("ro", "champion", "billing", 30, true);
    m.recordPrediction("ro", "champion", "billing", "billing");
    const text = m.toPrometheus({ switchyard_config_version: 4 });
    expect(text).toContain('switchyard_requests_total{variant="champion",segment="billing"} 2');
    expect(text).toContain('switchyard_errors_total{variant="champion",segment="billing"} 1');
    expect(text).toContain(
      'switchyard_request_duration_seconds_bucket{variant="champion",segment="billing",le="0.005"} 1',
    );
    expect(text).toContain(
      'switchyard_request_duration_seconds_bucket{variant="champion",segment="billing",le="0.05"} 2',
    );
    expect(text).toContain(
      'switchyard_request_duration_seconds_bucket{variant="champion",segment="billing",le="+Inf"} 2',
    );
    expect(text).toContain('switchyard_predictions_total{variant="champion",segment="billing",prediction="billing"} 1');
    expect(text).toContain("switchyard_config_version 4");
  });

  it("escapes label values", () => {
    const m = new Metrics();
    m.recordRequest(null, "champion", 'a"b\\c', 1, false);
    expect(m.toPrometheus()).toContain('segment="a\\"b\\\\c"');
  });

  it("drains deltas per rollout and 10 s bucket only while reporting", () => {
    let now = Date.UTC(2026, 0, 1, 0, 0, 5);
    const m = new Metrics(() => now);
    m.recordRequest("ro", "champion", "", 1, false);
    expect(m.drain()).toEqual([]);
    m.reporting = true;
    m.recordRequest("ro", "champion", "", 1, false);
    m.recordRequest("ro", "challenger", "", 7, true);
    now += 10_000;
    m.recordRequest("ro", "champion", "", 2, false);
    m.recordRequest("ro-2", "champion", "", 2, false);
    const drained = m.drain();
    expect(drained.map((d) => d.rolloutId)).toEqual(["ro", "ro-2"]);
    const cells = drained[0].cells;
    expect(cells.map((c) => [c.variant, c.bucketStart, c.requests, c.errors])).toEqual([
      ["champion", "2026-01-01T00:00:00.000Z", 1, 0],
      ["challenger", "2026-01-01T00:00:00.000Z", 1, 1],
      ["champion", "2026-01-01T00:00:10.000Z", 1, 0],
    ]);
    for (const c of cells) expect(reportCellSchema.safeParse(c).success).toBe(true);
    expect(m.drain()).toEqual([]);
    expect(m.toPrometheus()).toContain('switchyard_requests_total{variant="champion",segment=""} 4');
  });

  it("counts mirrored comparisons and agreements", () => {
    const m = new Metrics();
    m.reporting = true;
    m.recordComparison("ro", "shadow", "", true);
    m.recordComparison("ro", "shadow", "", false);
    const [cell] = m.drain()[0].cells;
    expect(cell).toMatchObject({ variant: "shadow", mirrored: 2, agreements: 1 });
  });

  it("caps segments and prediction values so a noisy header can't grow memory", () => {
    const m = new Metrics();
    for (let i = 0; i < 200; i++) {
      m.recordRequest(null, "champion", `seg-${i}`, 1, false);
      m.recordPrediction(null, "champion", "seg-0", `label-${i}`);
    }
    const text = m.toPrometheus();
    const segments = new Set(
      [...text.matchAll(/switchyard_requests_total\{variant="champion",segment="([^"]*)"\}/g)].map((x) => x[1]),
    );
    expect(segments.size).toBe(65);
    expect(segments.has(OVERFLOW_LABEL)).toBe(true);
    expect(text).toContain(`prediction="${OVERFLOW_LABEL}"`);
  });
});
