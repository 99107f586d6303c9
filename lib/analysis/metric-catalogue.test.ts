import { describe, expect, it } from "vitest";
import { formatMetricValue, higherIsWorse, METRIC_CATALOGUE, metricLabel, metricNoun } from "./metric-catalogue";

describe("metric catalogue", () => {
  it("says which direction is a regression", () => {
    expect(higherIsWorse("error_rate")).toBe(true);
    expect(higherIsWorse("latency_p95")).toBe(true);
    expect(higherIsWorse("complaints")).toBe(true);
    expect(higherIsWorse("accuracy")).toBe(false);
    expect(higherIsWorse("conversion_rate")).toBe(false);
    expect(higherIsWorse("reward_mean")).toBe(false);
  });

  it("labels a metric for headings and inside a sentence", () => {
    expect(metricLabel("error_rate")).toBe("Error rate");
    expect(metricNoun("error_rate")).toBe("error rate");
    expect(metricNoun("latency_p95")).toBe("p95 latency");
    expect(metricNoun("conversion_rate")).toBe("conversion");
  });

  it("writes a value in the metric's unit, and a dash when there is none", () => {
    expect(formatMetricValue("error_rate", 0.02)).toBe("2.00 %");
    expect(formatMetricValue("latency_p99", 45)).toBe("45.0 ms");
    expect(formatMetricValue("reward_mean", 0.43101)).toBe("0.4310");
    expect(formatMetricValue("complaints", 1234)).toBe("1,234");
    expect(formatMetricValue("prometheus", 0.123456)).toBe("0.1235");
    expect(formatMetricValue("accuracy", null)).toBe("—");
    expect(formatMetricValue("accuracy", Number.NaN)).toBe("—");
  });

  it("every metric has a label and a unit", () => {
    for (const info of Object.values(METRIC_CATALOGUE)) {
      expect(info.label.length).toBeGreaterThan(0);
      expect(["ratio", "ms", "score", "count", "number"]).toContain(info.unit);
    }
  });
});
