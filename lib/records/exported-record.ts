// Pure: the shape a record takes in every export, and the one-line summaries CSV and PDF use.
import {
  recordContentOf,
  recordDigest,
  type RecordIssue,
  type RecordStage,
  type StageMetrics,
  type TimelineEntry,
  type VariantMetrics,
} from "./record-content";
import { formatMetricValue, metricLabel, type MetricName } from "../analysis/metric-catalogue";

export interface ExportedRecord {
  id: string;
  number: string;
  system: { slug: string; name: string };
  rolloutId: string;
  rolloutName: string;
  fromVersion: string;
  toVersion: string;
  strategy: string;
  startedAt: string | null;
  frozenAt: string | null;
  outcome: string | null;
  stages: RecordStage[];
  timeline: TimelineEntry[];
  metrics: StageMetrics[];
  issues: RecordIssue[];
  rollbackUsed: boolean;
  notes: string;
  /** sha256 of the frozen record's canonical content (null while the rollout runs). */
  digest: string | null;
  /** Audit chain head the record was frozen against. */
  auditHash: string | null;
  /** sha256 of the content as exported now; equals digest for an untouched frozen record. */
  contentDigest: string;
  /** The rollout spec it was applied from (`switchyard apply`) and its sha256; absent otherwise. */
  spec?: { hash: string; spec: unknown };
}

type StoredRecord = Parameters<typeof recordContentOf>[0] & {
  id: string;
  digest: string | null;
  rollout: { name: string } | null;
};

export function toExportedRecord(r: StoredRecord): ExportedRecord {
  const content = recordContentOf(r);
  return {
    id: r.id,
    number: r.number,
    system: content.system,
    rolloutId: r.rolloutId,
    rolloutName: content.rolloutName,
    fromVersion: r.fromVersion,
    toVersion: r.toVersion,
    strategy: r.strategy,
    startedAt: content.startedAt,
    frozenAt: content.frozenAt,
    outcome: r.outcome,
    stages: (Array.isArray(r.stages) ? r.stages : []) as RecordStage[],
    timeline: (Array.isArray(r.timeline) ? r.timeline : []) as TimelineEntry[],
    metrics: (Array.isArray(r.metrics) ? r.metrics : []) as StageMetrics[],
    issues: (Array.isArray(r.issues) ? r.issues : []) as RecordIssue[],
    rollbackUsed: r.rollbackUsed,
    notes: r.notes,
    digest: r.digest,
    auditHash: r.auditHash,
    contentDigest: recordDigest(content),
    ...(content.spec ? { spec: content.spec } : {}),
  };
}

/** The metrics a record shows per stage, in column order (page, CSV and PDF). */
export const RECORD_METRICS = [
  { metric: "error_rate", pick: (v: VariantMetrics) => v.errorRate },
  { metric: "latency_p95", pick: (v: VariantMetrics) => v.p95LatencyMs },
  { metric: "accuracy", pick: (v: VariantMetrics) => v.accuracy },
] as const satisfies readonly { metric: MetricName; pick: (v: VariantMetrics) => number | null }[];

export type RecordMetric = (typeof RECORD_METRICS)[number];

export function recordMetricLabel(column: RecordMetric): string {
  return metricLabel(column.metric);
}

/** "champion 1.00 % / challenger 2.00 %": one record metric of one stage, per variant. */
export function recordMetricCell(m: StageMetrics, column: RecordMetric): string {
  return metricPair(m, (v) => formatMetricValue(column.metric, column.pick(v)));
}

/** "champion 1.0% / challenger 2.0%" style pair for one metric of one stage. */
export function metricPair(m: StageMetrics, pick: (v: VariantMetrics) => string): string {
  return Object.entries(m.variants)
    .map(([variant, v]) => `${variant} ${pick(v)}`)
    .join(" / ");
}

/** Seed 001's duration line: first stage start to freeze (or now). */
export function durationText(startedAt: string | null, endedAt: string | null, now = Date.now()): string {
  if (!startedAt) return "—";
  const s = Math.max(0, Math.round(((endedAt ? Date.parse(endedAt) : now) - Date.parse(startedAt)) / 1000));
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} hours`;
  return `${(s / 86_400).toFixed(1)} days`;
}
