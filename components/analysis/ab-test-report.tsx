"use client";
import { useQuery } from "@tanstack/react-query";
import type { RolloutAbReport } from "@/lib/analysis/get-ab-report";
import { analysisKeys, fetchJson } from "@/lib/analysis/query-keys";
import { count, pct, pValue, signedPct } from "./format";
import { Table, Th } from "@/components/ui/table";
import { formatMetricValue, metricLabel } from "@/lib/analysis/metric-catalogue";

const DECISION_STYLE = {
  ship_challenger: "border-emerald-300 bg-emerald-50 text-emerald-900",
  keep_champion: "border-blue-300 bg-blue-50 text-blue-900",
  keep_running: "border-amber-300 bg-amber-50 text-amber-900",
  invalid: "border-red-300 bg-red-50 text-red-900",
} as const;

/** The A/B report with a decision a manager can act on. Fetches its own data, refreshes every 30 s. */
export function AbTestReport({ rolloutId }: { rolloutId: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: analysisKeys.abReport(rolloutId),
    queryFn: () => fetchJson<RolloutAbReport>(`/api/rollouts/${encodeURIComponent(rolloutId)}/metrics/ab-report`),
    refetchInterval: 30_000,
  });
  if (isPending) return <p className="text-sm text-slate-500">Loading the A/B report…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        The A/B report could not be loaded: {error.message}
      </p>
    );
  const d = data.decision;
  return (
    <section aria-label="A/B test report" className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">A/B test report</h2>
      <div role="status" data-testid="ab-decision" className={`rounded-lg border p-4 ${DECISION_STYLE[d.outcome]}`}>
        <p className="text-lg font-semibold">{d.headline}</p>
        <p className="mt-1 text-sm">{d.detail}</p>
      </div>
      {data.warning && <p className="text-sm text-amber-800">Note: {data.warning}</p>}
      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs uppercase text-slate-500">Primary metric</dt>
          <dd>
            {metricLabel(data.primaryMetric)} (MDE {pct(data.minimumDetectableEffect, 0)}, α = {data.alpha})
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-500">Sample ratio check</dt>
          <dd>
            {data.srm
              ? `${data.srm.mismatch ? "Mismatch" : "OK"}: χ² p = ${pValue(data.srm.pValue)} (observed ${data.srm.observed.map(count).join(" / ")})`
              : "No planned split to check"}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-500">Correction</dt>
          <dd>{data.correction}</dd>
        </div>
      </dl>
      <Table aria-label="Effects per metric">
        <thead>
          <tr>
            {[
              "Metric",
              "Challenger",
              "Champion",
              "Challenger value",
              "Effect (95 % CI)",
              "p fixed",
              "p sequential (adj.)",
              "Chance to beat",
              "Power",
              "Samples needed / still",
            ].map((h) => (
              <Th key={h} wrap>
                {h}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.rows.map((r) => (
            <tr key={`${r.metric}-${r.challenger}`} className={r.primary ? "bg-slate-50/60" : ""}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                {metricLabel(r.metric)}
                {r.primary && <span className="ml-1 text-xs text-slate-500">(primary)</span>}
              </th>
              <td className="px-3 py-2">{r.challenger}</td>
              <td className="px-3 py-2">
                {formatMetricValue(r.metric, r.champion.value)}{" "}
                <span className="text-xs text-slate-500">n={count(r.champion.n)}</span>
              </td>
              <td className="px-3 py-2">
                {formatMetricValue(r.metric, r.candidate.value)}{" "}
                <span className="text-xs text-slate-500">n={count(r.candidate.n)}</span>
              </td>
              <td className={`px-3 py-2 ${r.significant ? (r.better ? "text-emerald-700" : "text-red-700") : ""}`}>
                {signedPct(r.relativeEffect)}{" "}
                <span className="text-xs text-slate-500">
                  ({signedPct(r.interval[0])} to {signedPct(r.interval[1])})
                </span>
              </td>
              <td className="px-3 py-2">{pValue(r.pValueFixed)}</td>
              <td className="px-3 py-2">
                {pValue(r.pValueSequential)} ({pValue(r.pValueAdjusted)}){r.significant && " ✓"}
              </td>
              <td className="px-3 py-2">{pct(r.chanceToBeat, 1)}</td>
              <td className="px-3 py-2">{r.power === null ? "—" : pct(r.power, 0)}</td>
              <td className="px-3 py-2">
                {r.sampleSizePerArm === null ? "—" : `${count(r.sampleSizePerArm)} / ${count(r.remainingPerArm)}`}
                {r.note && <div className="text-xs text-slate-500">{r.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="text-xs text-slate-500">
        Fixed-horizon p-values are valid only at the planned sample size; sequential p-values (always valid) are safe to
        watch while the test runs, and decisions use them.
      </p>
    </section>
  );
}
