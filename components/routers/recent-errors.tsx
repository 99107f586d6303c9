import Link from "next/link";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { formatDateTime, relativeTime } from "../ui/format";

interface Application {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  updatedAt: Date;
  weightChange: { configVersion: number; reason: string; rollout: { id: string; name: string } };
}

/** The router's last error and the weight changes it failed to apply, newest first. */
export function RecentErrors({
  routerError,
  applications,
}: {
  routerError: { message: string; at: Date | null } | null;
  applications: Application[];
}) {
  const empty = !routerError && applications.length === 0;
  return (
    <Card title="Recent errors">
      {empty ? (
        <p className="text-sm text-slate-500">No errors recorded.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="router-errors">
          {routerError && (
            <li className="py-2 first:pt-0">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge tone="red">last error</Badge>
                <span title={formatDateTime(routerError.at)}>{relativeTime(routerError.at)}</span>
              </div>
              <p className="mt-1 break-words font-mono text-xs text-red-800">{routerError.message}</p>
            </li>
          )}
          {applications.map((a) => (
            <li key={a.id} className="py-2 last:pb-0">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge tone={a.status === "applied" ? "green" : a.status === "failed" ? "red" : "amber"}>
                  {a.status}
                </Badge>
                <Link href={`/rollouts/${a.weightChange.rollout.id}`} className="text-brand-700 hover:underline">
                  {a.weightChange.rollout.name}
                </Link>
                <span>
                  change v{a.weightChange.configVersion} ({a.weightChange.reason}) · {a.attempts} attempt
                  {a.attempts === 1 ? "" : "s"}
                </span>
                <span title={formatDateTime(a.updatedAt)}>{relativeTime(a.updatedAt)}</span>
                {a.status !== "applied" && a.nextAttemptAt && <span>retry {formatDateTime(a.nextAttemptAt)}</span>}
              </div>
              <p className="mt-1 break-words font-mono text-xs text-red-800">{a.lastError}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
