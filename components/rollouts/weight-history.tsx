import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { formatDateTime } from "../ui/format";

export function WeightHistory({ rollout }: { rollout: PresentedRollout }) {
  if (rollout.weightChanges.length === 0)
    return <p className="text-sm text-slate-600">No weights pushed yet: the champion serves everything.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="weight-history">
      {rollout.weightChanges.map((w) => (
        <li key={w.configVersion} className="py-2">
          <div className="flex justify-between gap-2">
            <span className="font-medium text-slate-800">
              v{w.configVersion}: {w.reason}
            </span>
            <span className="shrink-0 text-xs text-slate-500">{formatDateTime(w.createdAt)}</span>
          </div>
          <div className="text-xs text-slate-500">
            {w.actor} ·{" "}
            {w.applications.map((a) => (
              <span
                key={a.router}
                className={
                  a.status === "applied"
                    ? "text-emerald-700"
                    : a.status === "failed"
                      ? "text-red-700"
                      : "text-amber-700"
                }
              >
                {a.router} {a.status}
                {a.attempts > 1 ? ` after ${a.attempts} tries` : ""}{" "}
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
