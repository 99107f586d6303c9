"use client";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesPoint, VariantPoint } from "@/lib/analysis/metrics-series";
import { VARIANT_COLORS } from "@/components/analysis/format";
import { placeStepMarkers } from "@/lib/analysis/step-markers";

export interface MetricChartProps {
  title: string;
  testId: string;
  series: SeriesPoint[];
  variants: string[];
  field: keyof VariantPoint;
  /** Shaded interval per variant (e.g. error rate Wilson band). */
  band?: [keyof VariantPoint, keyof VariantPoint];
  steps: { t: number; label: string }[];
  thresholds?: { value: number; label: string }[];
  format: (v: number) => string;
}

/** One metric over time, one line per variant, step markers as vertical lines, limits as horizontal ones. */
export function MetricChart({
  title,
  testId,
  series,
  variants,
  field,
  band,
  steps,
  thresholds = [],
  format,
}: MetricChartProps) {
  const data = series.map((p) => {
    const row: Record<string, number | null | [number, number]> = { t: p.t };
    for (const v of variants) {
      const point = p.v[v];
      row[v] = (point?.[field] as number | null | undefined) ?? null;
      if (band && point && point[band[0]] !== null && point[band[1]] !== null)
        row[`${v}__band`] = [point[band[0]] as number, point[band[1]] as number];
    }
    return row;
  });
  const hasData = data.some((d) => variants.some((v) => d[v] !== null));
  const markers = placeStepMarkers(steps, { from: series[0]?.t ?? 0, to: series.at(-1)?.t ?? 0 });
  return (
    <figure
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      data-testid={testId}
      aria-label={title}
    >
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      {!hasData ? (
        <p className="py-10 text-center text-sm text-slate-500">No data yet</p>
      ) : (
        <div className="h-56">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis
                dataKey="t"
                type="number"
                domain={["dataMin", "dataMax"]}
                scale="time"
                tickFormatter={(t: number) => new Date(t).toISOString().slice(11, 16)}
                fontSize={11}
              />
              <YAxis tickFormatter={(v: number) => format(v)} fontSize={11} width={64} />
              <Tooltip
                labelFormatter={(t) => new Date(Number(t)).toISOString().replace("T", " ").slice(0, 19) + " UTC"}
                formatter={(v) =>
                  Array.isArray(v) ? `${format(Number(v[0]))} – ${format(Number(v[1]))}` : format(Number(v))
                }
              />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {band &&
                variants.map((v, i) => (
                  <Area
                    key={`${v}-band`}
                    dataKey={`${v}__band`}
                    name={`${v} 95 % interval`}
                    stroke="none"
                    fill={VARIANT_COLORS[i % VARIANT_COLORS.length]}
                    fillOpacity={0.12}
                    isAnimationActive={false}
                    legendType="none"
                    connectNulls
                  />
                ))}
              {variants.map((v, i) => (
                <Line
                  key={v}
                  dataKey={v}
                  name={v}
                  stroke={VARIANT_COLORS[i % VARIANT_COLORS.length]}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
              {markers.map((m) => (
                <ReferenceLine
                  key={`${m.t}-${m.label}`}
                  x={m.t}
                  stroke="#94a3b8"
                  strokeDasharray="4 2"
                  label={({ viewBox }: { viewBox: { x: number; y: number } }) => (
                    <text
                      x={viewBox.x + (m.anchor === "end" ? -4 : 4)}
                      y={viewBox.y + 12 + m.row * 12}
                      textAnchor={m.anchor}
                      fontSize={10}
                      fill="#64748b"
                    >
                      {m.label}
                    </text>
                  )}
                />
              ))}
              {thresholds.map((th) => (
                <ReferenceLine
                  key={th.label}
                  y={th.value}
                  stroke="#f59e0b"
                  strokeDasharray="6 3"
                  label={{
                    value: `${th.label} ${format(th.value)}`,
                    position: "insideBottomRight",
                    fontSize: 10,
                    fill: "#b45309",
                  }}
                />
              ))}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
