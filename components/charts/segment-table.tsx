import type { VariantPoint } from "@/lib/analysis/metrics-series";
import { count, ms, pct } from "@/components/analysis/format";
import { Table, Th } from "@/components/ui/table";

/** Per-segment breakdown: a challenger failing only on one segment stands out here. */
export function SegmentTable({
  segments,
  variants,
}: {
  segments: { segment: string; v: Record<string, VariantPoint> }[];
  variants: string[];
}) {
  if (segments.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No segments reported (set the router’s segment header, e.g. x-ticket-type).
      </p>
    );
  return (
    <Table aria-label="Per-segment breakdown">
      <caption className="px-3 py-2 text-left text-sm font-semibold text-slate-800">Per segment</caption>
      <thead>
        <tr>
          <Th>Segment</Th>
          {variants.map((v) => (
            <Th key={v} wrap>
              {v}: requests · errors · p95 · accuracy
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {segments.map((s) => (
          <tr key={s.segment}>
            <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
              {s.segment}
            </th>
            {variants.map((v) => {
              const p = s.v[v];
              const worse =
                v !== variants[0] &&
                p &&
                s.v[variants[0]] &&
                (p.errorRate ?? 0) > 2 * (s.v[variants[0]].errorRate ?? 0) + 0.01;
              return (
                <td key={v} className={`px-3 py-2 ${worse ? "bg-red-50 text-red-800" : ""}`}>
                  {p ? `${count(p.requests)} · ${pct(p.errorRate, 1)} · ${ms(p.p95)} · ${pct(p.accuracy, 1)}` : "—"}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
