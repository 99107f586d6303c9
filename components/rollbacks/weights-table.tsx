import { percent } from "../ui/format";

/** Router weights per variant before and after a rollback, side by side. */
export function WeightsTable({
  before,
  after,
  labels,
  caption,
}: {
  before: Record<string, number>;
  after: Record<string, number>;
  labels: Record<string, string>;
  caption: string;
}) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) =>
    a === "champion" ? -1 : b === "champion" ? 1 : a.localeCompare(b),
  );
  return (
    <table className="w-full text-sm" data-testid="weights-table">
      <caption className="mb-1 text-left text-xs font-medium text-slate-600">{caption}</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="py-1 pr-2 font-semibold">
            Variant
          </th>
          <th scope="col" className="py-1 pr-2 font-semibold">
            Before
          </th>
          <th scope="col" className="py-1 font-semibold">
            After
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-800">
              {labels[k] ?? k}
            </th>
            <td className="py-1 pr-2 font-mono">{percent(before[k] ?? 0)}</td>
            <td className="py-1 font-mono">{percent(after[k] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
