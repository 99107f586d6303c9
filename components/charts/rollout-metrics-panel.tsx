"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RolloutMetrics } from "@/lib/analysis/get-rollout-metrics";
import { analysisKeys, fetchJson } from "@/lib/analysis/query-keys";
import { count, ms, pct } from "@/components/analysis/format";
import { formatMetricValue, metricLabel } from "@/lib/analysis/metric-catalogue";
import { MetricChart } from "./metric-chart";
import { SegmentTable } from "./segment-table";
import { Table, Th } from "@/components/ui/table";

type Quantile = "p50" | "p95" | "p99";

/** Champion vs challengers over time: latency, errors, accuracy, conversion, share, agreement, drift. Fetches its own data. */
export function RolloutMetricsPanel({ rolloutId, live }: { rolloutId: string; live: boolean }) {
  const [quantile, setQuantile] = useState<Quantile>("p95");
  const { data, error, isPending } = useQuery({
    queryKey: analysisKeys.metrics(rolloutId),
    queryFn: () => fetchJson<RolloutMetrics>(`/api/rollouts/${encodeURIComponent(rolloutId)}/metrics`),
    refetchInterval: live ? 5_000 : false,
  });
  if (isPending) return <p className="text-sm text-slate-500">Loading metrics…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        Metrics could not be loaded: {error.message}
      </p>
    );
  const variants = [data.champion, ...data.challengers];
  const limits = (m: RolloutMetrics["thresholds"][number]["metric"]) => data.thresholds.filter((t) => t.metric === m);
  const common = { series: data.series, variants, steps: data.steps };
  const hasAgreement = data.series.some((p) =>
    variants.some((v) => p.v[v]?.agreement !== null && p.v[v]?.agreement !== undefined),
  );
  const hasConversion = variants.some((v) => data.overall[v]?.conversion !== null);
  return (
    <section aria-label="Rollout metrics" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          Metrics{live && <span className="ml-2 text-xs font-normal text-emerald-700">● live</span>}
        </h2>
        <p className="text-xs text-slate-500">
          {new Date(data.from).toISOString().slice(0, 16).replace("T", " ")} →{" "}
          {new Date(data.to).toISOString().slice(11, 16)} UTC, {data.stepSeconds} s per point
        </p>
      </div>
      <SummaryTable data={data} variants={variants} />
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <div role="group" aria-label="Latency quantile" className="mb-1 flex gap-1">
            {(["p50", "p95", "p99"] as const).map((q) => (
              <button
                key={q}
                type="button"
                aria-pressed={quantile === q}
                onClick={() => setQuantile(q)}
                className={`rounded px-2 py-0.5 text-xs ${quantile === q ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700"}`}
              >
                {q}
              </button>
            ))}
          </div>
          <MetricChart
            {...common}
            title={metricLabel(`latency_${quantile}`)}
            testId="chart-latency"
            field={quantile}
            thresholds={quantile === "p95" ? limits("p95") : []}
            format={ms}
          />
        </div>
        <MetricChart
          {...common}
          title={`${metricLabel("error_rate")} (shaded: 95 % interval)`}
          testId="chart-error-rate"
          field="errorRate"
          band={["errorLow", "errorHigh"]}
          thresholds={limits("errorRate")}
          format={(v) => pct(v, 1)}
        />
        <MetricChart
          {...common}
          title={`${metricLabel("accuracy")} (labelled outcomes)`}
          testId="chart-accuracy"
          field="accuracy"
          thresholds={limits("accuracy")}
          format={(v) => pct(v, 1)}
        />
        <MetricChart
          {...common}
          title="Traffic share"
          testId="chart-traffic-share"
          field="share"
          format={(v) => pct(v, 0)}
        />
        {hasConversion && (
          <MetricChart
            {...common}
            title={metricLabel("conversion_rate")}
            testId="chart-conversion"
            field="conversion"
            format={(v) => pct(v, 1)}
          />
        )}
        {hasAgreement && (
          <MetricChart
            {...common}
            title="Shadow agreement rate"
            testId="chart-agreement"
            field="agreement"
            format={(v) => pct(v, 1)}
          />
        )}
        <MetricChart
          {...common}
          variants={data.challengers}
          title="Prediction drift vs champion (PSI; 0.1 moderate, 0.25 major)"
          testId="chart-drift"
          field="psi"
          thresholds={[{ value: 0.25, label: "major drift" }]}
          format={(v) => v.toFixed(3)}
        />
      </div>
      <SegmentTable segments={data.segments} variants={variants} />
    </section>
  );
}

function SummaryTable({ data, variants }: { data: RolloutMetrics; variants: string[] }) {
  return (
    <Table aria-label="Totals per variant">
      <thead>
        <tr>
          {[
            "Variant",
            "Requests",
            "Share",
            metricLabel("error_rate"),
            metricLabel("latency_p50"),
            metricLabel("latency_p95"),
            metricLabel("latency_p99"),
            metricLabel("accuracy"),
            "Agreement",
            "Drift (PSI)",
          ].map((h) => (
            <Th key={h}>{h}</Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {variants.map((v) => {
          const o = data.overall[v];
          const psi = data.drift.find((d) => d.variant === v)?.psi;
          return (
            <tr key={v}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                {v}
                {v === data.champion && <span className="ml-1 text-xs text-slate-500">(champion)</span>}
              </th>
              <td className="px-3 py-2">{count(o?.requests)}</td>
              <td className="px-3 py-2">{pct(o?.share, 1)}</td>
              <td className="px-3 py-2">{formatMetricValue("error_rate", o?.errorRate)}</td>
              <td className="px-3 py-2">{ms(o?.p50)}</td>
              <td className="px-3 py-2">{ms(o?.p95)}</td>
              <td className="px-3 py-2">{ms(o?.p99)}</td>
              <td className="px-3 py-2">{formatMetricValue("accuracy", o?.accuracy)}</td>
              <td className="px-3 py-2">{pct(o?.agreement, 1)}</td>
              <td className="px-3 py-2">{psi === null || psi === undefined ? "—" : psi.toFixed(3)}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
