import type { ComponentProps } from "react";

export function Table({ className = "", ...props }: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={`min-w-full divide-y divide-slate-200 text-sm ${className}`} {...props} />
    </div>
  );
}
/** A column header; `wrap` lets a long one break over lines (wide tables of many columns). */
export function Th({ className = "", wrap = false, ...props }: ComponentProps<"th"> & { wrap?: boolean }) {
  return (
    <th
      scope="col"
      className={`${wrap ? "" : "whitespace-nowrap "}bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 ${className}`}
      {...props}
    />
  );
}
export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`px-3 py-2 align-top text-slate-700 ${className}`} {...props} />;
}
