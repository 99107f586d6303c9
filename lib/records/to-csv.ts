// Pure: deployment records as CSV rows (one per record), with csv-stringify doing the quoting and
// neutralising spreadsheet formulas: a cell starting with =, +, -, @, tab or CR (or their
// full-width forms) gets a leading ' as OWASP recommends, so a spreadsheet shows it as text.
// JSON, NDJSON and PDF exports keep the exact text.
import { stringify } from "csv-stringify/sync";
import { stagesSummary } from "./record-content";
import { RECORD_METRICS, recordMetricCell, type ExportedRecord } from "./exported-record";

export const CSV_COLUMNS = [
  "number",
  "system",
  "rollout",
  "from_version",
  "to_version",
  "strategy",
  "stages",
  "started_at",
  "frozen_at",
  "outcome",
  "rollback_used",
  "error_rate_by_stage",
  "p95_latency_by_stage",
  "accuracy_by_stage",
  "issues",
  "timeline_events",
  "notes",
  "digest",
  "audit_hash",
  "content_digest",
] as const;

export function recordsToCsv(records: ExportedRecord[], withHeader: boolean): string {
  return stringify(records.map(csvRow), { header: withHeader, columns: [...CSV_COLUMNS], escape_formulas: true });
}

function csvRow(r: ExportedRecord): Record<(typeof CSV_COLUMNS)[number], string> {
  const [errorRate, p95Latency, accuracy] = RECORD_METRICS;
  const perStage = (column: (typeof RECORD_METRICS)[number]) =>
    r.metrics.map((m) => `${m.label}: ${recordMetricCell(m, column)}`).join("; ");
  return {
    number: r.number,
    system: r.system.name,
    rollout: r.rolloutName,
    from_version: r.fromVersion,
    to_version: r.toVersion,
    strategy: r.strategy,
    stages: stagesSummary(r.stages),
    started_at: r.startedAt ?? "",
    frozen_at: r.frozenAt ?? "",
    outcome: r.outcome ?? "in_progress",
    rollback_used: r.rollbackUsed ? "yes" : "no",
    error_rate_by_stage: perStage(errorRate),
    p95_latency_by_stage: perStage(p95Latency),
    accuracy_by_stage: perStage(accuracy),
    issues: r.issues.map((i) => i.summary).join("; ") || "None",
    timeline_events: String(r.timeline.length),
    notes: r.notes,
    digest: r.digest ?? "",
    audit_hash: r.auditHash ?? "",
    content_digest: r.contentDigest,
  };
}
