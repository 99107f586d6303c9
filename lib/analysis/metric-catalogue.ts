// The one catalogue of the metrics Switchyard compares: what each is called on screen, which
// direction is a regression, its unit and how a value is written. Gates, the A/B report, the
// charts and the deployment records all read it. Pure and client-safe.

export type MetricUnit = "ratio" | "ms" | "score" | "count" | "number";

export interface MetricInfo {
  /** On screen and in exports, e.g. "Error rate". In sentences use `metricNoun`. */
  label: string;
  /** A larger challenger value is the regression (error rate, latency), not the improvement. */
  higherIsWorse: boolean;
  unit: MetricUnit;
}

export const METRIC_CATALOGUE = {
  error_rate: { label: "Error rate", higherIsWorse: true, unit: "ratio" },
  latency_p50: { label: "p50 latency", higherIsWorse: true, unit: "ms" },
  latency_p95: { label: "p95 latency", higherIsWorse: true, unit: "ms" },
  latency_p99: { label: "p99 latency", higherIsWorse: true, unit: "ms" },
  accuracy: { label: "Accuracy", higherIsWorse: false, unit: "ratio" },
  conversion_rate: { label: "Conversion", higherIsWorse: false, unit: "ratio" },
  reward_mean: { label: "Mean reward", higherIsWorse: false, unit: "score" },
  critical_errors: { label: "Critical errors", higherIsWorse: true, unit: "count" },
  complaints: { label: "Complaints", higherIsWorse: true, unit: "count" },
  prometheus: { label: "Prometheus query", higherIsWorse: true, unit: "number" },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRIC_CATALOGUE;

export function metricLabel(metric: MetricName): string {
  return METRIC_CATALOGUE[metric].label;
}

/** The label inside a sentence: "error rate 2.00 % on challenger". */
export function metricNoun(metric: MetricName): string {
  const { label } = METRIC_CATALOGUE[metric];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

export function higherIsWorse(metric: MetricName): boolean {
  return METRIC_CATALOGUE[metric].higherIsWorse;
}

/** A value in the metric's unit: "2.00 %", "45.0 ms", "0.4310", "3"; "—" when there is none. */
export function formatMetricValue(metric: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (METRIC_CATALOGUE[metric].unit) {
    case "ratio":
      return `${(value * 100).toFixed(2)} %`;
    case "ms":
      return `${value.toFixed(1)} ms`;
    case "score":
      return value.toFixed(4);
    case "count":
      return Math.round(value).toLocaleString("en-US");
    case "number":
      return Number(value.toPrecision(4)).toString();
  }
}
