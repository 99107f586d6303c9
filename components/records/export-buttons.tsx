import type { RecordFilter } from "@/lib/records/schemas";

/** Download links to the export API with the current filters; the browser keeps the file name. */
export function ExportButtons({ filter, label = "Export" }: { filter: RecordFilter; label?: string }) {
  const base = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const href = (format: string) =>
    `/api/v1/records/export?${new URLSearchParams([...base.entries(), ["format", format]]).toString()}`;
  return (
    <div className="flex items-center gap-2" role="group" aria-label={label}>
      <span className="text-xs text-slate-500">{label}</span>
      {(["json", "csv", "pdf"] as const).map((f) => (
        <a
          key={f}
          href={href(f)}
          download
          className="inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {f.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
