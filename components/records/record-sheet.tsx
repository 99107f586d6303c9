import { stagesSummary } from "@/lib/records/record-content";
import {
  durationText,
  metricPair,
  RECORD_METRICS,
  recordMetricCell,
  recordMetricLabel,
  type ExportedRecord,
} from "@/lib/records/exported-record";
import { formatDateTime } from "../ui/format";
import { OutcomeBadge } from "./outcome-badge";

/** Seed 001's deployment record, section by section, as an auditor reads it. */
export function RecordSheet({ record: r }: { record: ExportedRecord }) {
  return (
    <article
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      aria-label={`Deployment record ${r.number}`}
    >
      <dl className="grid grid-cols-1 gap-x-8 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <Row label="Deployment ID" value={<span className="font-mono">{r.number}</span>} />
        <Row label="System" value={r.system.name} />
        <Row label="Rollout" value={r.rolloutName} />
        <Row label="Model version" value={`${r.fromVersion} → ${r.toVersion}`} />
        <Row label="Date" value={formatDateTime(r.startedAt)} />
        <Row label="Outcome" value={<OutcomeBadge outcome={r.outcome} />} />
      </dl>

      <Section title="Strategy">
        <dl className="grid grid-cols-1 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <Row label="Type" value={r.strategy.replace(/_/g, " ")} />
          <Row label="Stages" value={stagesSummary(r.stages) || "—"} />
          <Row label="Duration" value={durationText(r.startedAt, r.frozenAt)} />
        </dl>
        {r.stages.length > 0 && (
          <ol className="mt-3 space-y-1 text-xs text-slate-600">
            {r.stages.map((s) => (
              <li key={s.index}>
                <span className="font-medium text-slate-800">{s.label}</span> · {s.phase} · {s.status} ·{" "}
                {formatDateTime(s.startedAt)} → {formatDateTime(s.completedAt)}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="Timeline">
        {r.timeline.length === 0 ? (
          <p className="text-sm text-slate-600">No events yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {r.timeline.map((e, k) => (
              <li key={k} className="flex flex-wrap gap-x-2">
                <span className="whitespace-nowrap font-mono text-xs text-slate-500">{formatDateTime(e.at)}</span>
                <span className="font-mono text-xs">{e.action}</span>
                <span className="text-slate-600">{e.actor.replace(/ <.*>$/, "")}</span>
                {e.detail && <span className="text-slate-800">— {e.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Metrics">
        {r.metrics.length === 0 ? (
          <p className="text-sm text-slate-600">No metrics yet.</p>
        ) : (
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-1 pr-4">Stage</th>
                <th className="py-1 pr-4">Requests</th>
                {RECORD_METRICS.map((column) => (
                  <th key={column.metric} className="py-1 pr-4">
                    {recordMetricLabel(column)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {r.metrics.map((m) => (
                <tr key={m.stage}>
                  <td className="py-1 pr-4 font-medium">{m.label}</td>
                  <td className="py-1 pr-4 text-xs">{metricPair(m, (v) => v.requests.toLocaleString("en"))}</td>
                  {RECORD_METRICS.map((column) => (
                    <td key={column.metric} className="py-1 pr-4 text-xs">
                      {recordMetricCell(m, column)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Issues">
        {r.issues.length === 0 ? (
          <p className="text-sm">None</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {r.issues.map((i, k) => (
              <li key={k}>{i.summary}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Rollback used">
        <p className="text-sm">{r.rollbackUsed ? "Yes" : "No"}</p>
      </Section>

      <Section title="Notes">
        <p className="whitespace-pre-wrap text-sm">{r.notes || "—"}</p>
      </Section>

      <Section title="Integrity">
        <dl className="grid grid-cols-1 gap-y-1 text-xs sm:grid-cols-[10rem_1fr]">
          <Row
            label="Record digest"
            value={
              <code className="break-all font-mono" data-testid="record-digest">
                {r.digest ?? "not frozen yet"}
              </code>
            }
          />
          <Row
            label="Frozen against audit head"
            value={<code className="break-all font-mono">{r.auditHash ?? "—"}</code>}
          />
          <Row label="Frozen at" value={formatDateTime(r.frozenAt)} />
        </dl>
      </Section>
    </article>
  );
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-500">{label}</dt>
      <dd className="text-slate-900">{value}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <h2 className="mb-2 border-b border-slate-100 pb-1 text-xs font-semibold uppercase tracking-wider text-slate-700">
        {title}
      </h2>
      {children}
    </section>
  );
}
