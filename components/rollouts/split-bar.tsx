const COLORS = ["bg-champion", "bg-challenger", "bg-violet-500", "bg-emerald-500", "bg-rose-500", "bg-cyan-500"];

/** Shares of traffic by variant, champion first. */
export function SplitBar({
  weights,
  variants,
  label,
}: {
  weights: Record<string, number>;
  variants: { key: string; version: string }[];
  label?: string;
}) {
  return (
    <div>
      <div
        className="flex h-3 overflow-hidden rounded-full bg-slate-200"
        role="img"
        aria-label={label ?? variants.map((v) => `${v.key} ${(weights[v.key] ?? 0) / 100} %`).join(", ")}
      >
        {variants.map((v, i) => (
          <div
            key={v.key}
            className={`${COLORS[i % COLORS.length]} transition-all duration-500`}
            style={{ width: `${(weights[v.key] ?? 0) / 100}%` }}
          />
        ))}
      </div>
      <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {variants.map((v, i) => (
          <span key={v.key} className="inline-flex items-center gap-1.5">
            <span className={`h-2 w-2 rounded-full ${COLORS[i % COLORS.length]}`} />
            {v.key} <span className="font-mono text-slate-800">{v.version}</span>{" "}
            <strong className="font-mono text-slate-900">{(weights[v.key] ?? 0) / 100} %</strong>
          </span>
        ))}
      </div>
    </div>
  );
}
