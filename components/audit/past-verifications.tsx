import Link from "next/link";
import type { PastVerification } from "@/lib/audit/verification-queries";
import { Badge } from "../ui/badge";
import { formatDateTime } from "../ui/format";

export function PastVerifications({ items }: { items: PastVerification[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">The chain has not been verified yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {items.map((v) => (
        <li key={v.eventId} className="flex flex-wrap items-center gap-2 py-1.5">
          {v.ok ? <Badge tone="green">intact</Badge> : <Badge tone="red">tampered</Badge>}
          <span className="text-slate-700">{formatDateTime(v.at)}</span>
          <span className="text-slate-500">by {v.actor.replace(/ <.*>$/, "")}</span>
          <span className="text-slate-500">· {v.checked.toLocaleString("en")} events</span>
          {v.ok ? (
            <code className="font-mono text-xs text-slate-500" title={v.headHash}>
              head {v.headHash.slice(0, 12)}…
            </code>
          ) : (
            v.firstBadId &&
            /^\d+$/.test(v.firstBadId) && (
              <Link className="text-red-700 underline" href={`/audit?around=${v.firstBadId}#event-${v.firstBadId}`}>
                {v.problem}
              </Link>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
