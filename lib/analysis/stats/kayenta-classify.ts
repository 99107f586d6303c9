import { kayentaMannWhitney, type KayentaMannWhitneyResult } from "./kayenta-mann-whitney";

export type MetricLabel = "Pass" | "High" | "Low" | "Nodata" | "NodataFailMetric" | "Error";
export type MetricDirection = "increase" | "decrease" | "either";

export interface KayentaClassifyOptions {
  direction?: MetricDirection;
  /** Fraction of |estimate| the interval must clear (Kayenta default 0.25). */
  tolerance?: number;
  confidenceLevel?: number;
  /** Mean-ratio thresholds: High needs ratio ≥ allowedIncrease, Low needs ratio ≤ allowedDecrease. */
  allowedIncrease?: number;
  allowedDecrease?: number;
  critical?: boolean;
  /** Thresholds a critical metric's ratio must pass for High/Low to stay critical. */
  criticalIncrease?: number;
  criticalDecrease?: number;
  dataRequired?: boolean;
}

export interface KayentaClassification {
  classification: MetricLabel;
  critical: boolean;
  /** mean(experiment) / mean(control); 1 when control's mean is 0. */
  deviation: number;
  reason: string | null;
  /** Interval, estimate and bounds that decided the label; null when the test did not run. */
  evidence: (KayentaMannWhitneyResult & { bounds: [number, number] }) | null;
}

/**
 * Kayenta MannWhitneyClassifier (NaN strategy "remove"): High when the shift interval
 * lies above tolerance·|estimate| and the mean ratio ≥ allowedIncrease; Low when it lies
 * below −tolerance·|estimate| and the ratio ≤ allowedDecrease; otherwise Pass.
 *
 * Invariants: no data is Nodata (or NodataFailMetric when data is required and the
 * metric is not critical), never Pass; identical samples and a single distinct value
 * are Pass; only a High/Low whose ratio passes the critical threshold stays critical.
 */
export function classifyKayenta(
  experiment: readonly number[],
  control: readonly number[],
  opts: KayentaClassifyOptions = {},
): KayentaClassification {
  const direction = opts.direction ?? "either";
  const tolerance = opts.tolerance ?? 0.25;
  const critical = opts.critical ?? false;
  if (experiment.length === 0 || control.length === 0) {
    const label = opts.dataRequired && !critical ? "NodataFailMetric" : "Nodata";
    return {
      classification: label,
      critical: label === "Nodata" && critical,
      deviation: 1,
      reason: "missing data",
      evidence: null,
    };
  }
  const sortedE = [...experiment].sort((a, b) => a - b);
  const sortedC = [...control].sort((a, b) => a - b);
  if (sortedE.length === sortedC.length && sortedE.every((v, i) => v === sortedC[i])) {
    return { classification: "Pass", critical: false, deviation: 1, reason: "identical data", evidence: null };
  }
  if (new Set([...experiment, ...control]).size === 1) {
    return { classification: "Pass", critical: false, deviation: 1, reason: null, evidence: null };
  }
  const mw = kayentaMannWhitney(experiment, control, opts.confidenceLevel ?? 0.95);
  const controlMean = mean(control);
  const deviation = controlMean === 0 ? 1 : mean(experiment) / controlMean;
  const bound = tolerance * Math.abs(mw.estimate);
  const evidence = { ...mw, bounds: [-bound, bound] as [number, number] };
  const isHigh = direction !== "decrease" && mw.interval[0] > bound && deviation >= (opts.allowedIncrease ?? 1);
  const isLow = direction !== "increase" && mw.interval[1] < -bound && deviation <= (opts.allowedDecrease ?? 1);
  const label: MetricLabel = isHigh ? "High" : isLow ? "Low" : "Pass";
  const stillCritical =
    critical &&
    ((label === "High" && deviation >= (opts.criticalIncrease ?? 1)) ||
      (label === "Low" && deviation <= (opts.criticalDecrease ?? 1)));
  return {
    classification: label,
    critical: stillCritical,
    deviation,
    reason: label === "Pass" ? null : `classified as ${label}`,
    evidence,
  };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}
