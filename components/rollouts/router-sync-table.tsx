import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { Badge } from "../ui/badge";
import { relativeTime } from "../ui/format";

export function RouterSyncTable({ rollout }: { rollout: PresentedRollout }) {
  if (rollout.routers.length === 0)
    return (
      <p className="text-sm text-amber-800">
        No router serves this system: no step can be applied until an admin registers one.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-1 pr-4">Router</th>
            <th className="py-1 pr-4">Health</th>
            <th className="py-1 pr-4">Config version</th>
            <th className="py-1 pr-4">Serving</th>
            <th className="py-1 pr-4">Last applied</th>
            <th className="py-1">Problem</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rollout.routers.map((router) => (
            <tr key={router.id} data-testid={`rollout-router-${router.name}`}>
              <td className="py-2 pr-4 font-medium text-slate-900">
                {router.name}{" "}
                <span className="text-xs font-normal text-slate-500">{router.type.replace(/_/g, " ")}</span>
              </td>
              <td className="py-2 pr-4">
                <Badge
                  tone={
                    router.health === "healthy"
                      ? "green"
                      : router.health === "down"
                        ? "red"
                        : router.health === "degraded"
                          ? "amber"
                          : "neutral"
                  }
                >
                  {router.health}
                </Badge>
              </td>
              <td className="py-2 pr-4 font-mono text-xs">
                desired {router.desiredVersion} · applied {router.appliedVersion}{" "}
                {router.inSync ? <Badge tone="green">in sync</Badge> : <Badge tone="amber">not in sync</Badge>}
              </td>
              <td className="py-2 pr-4 font-mono text-xs" data-testid="served-weights">
                {router.servedWeights
                  ? Object.entries(router.servedWeights)
                      .map(([k, v]) => `${k} ${v / 100}%`)
                      .join(" · ")
                  : "—"}
              </td>
              <td className="py-2 pr-4 text-xs">{relativeTime(router.lastAppliedAt)}</td>
              <td className="max-w-xs py-2 text-xs text-red-700">
                {router.rolloutChange?.lastError ?? router.lastError ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
