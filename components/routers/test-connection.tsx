"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { testRouterConnectionAction } from "@/lib/routers/actions";
import { Button } from "../ui/button";
import { percent } from "../ui/format";
import { HealthBadge } from "./badges";

/** "Test connection": health and read-back from the router itself, shown here and recorded. */
export function TestConnection({ routerId }: { routerId: string }) {
  const nav = useRouter();
  const { execute, result, isPending } = useAction(testRouterConnectionAction, { onSuccess: () => nav.refresh() });
  const r = result.data;
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => execute({ routerId })} disabled={isPending}>
        {isPending ? "Testing…" : "Test connection"}
      </Button>
      {result.serverError && (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      )}
      {r && (
        <div
          role="status"
          aria-label="Connection test result"
          className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
        >
          <div className="flex flex-wrap items-center gap-2">
            <HealthBadge health={r.health.status} />
            <span className="text-slate-700">
              {r.health.detail ?? (r.health.status === "healthy" ? "reachable" : "")}
            </span>
            {r.health.latencyMs !== undefined && (
              <span className="text-xs text-slate-500">{r.health.latencyMs} ms</span>
            )}
          </div>
          {r.readBack && (
            <p className="text-slate-700">
              {r.readBack.version === null ? (
                "Serves no Switchyard config yet."
              ) : (
                <>
                  Serves config <span className="font-mono">v{r.readBack.version}</span>
                  {Object.keys(r.readBack.weights).length > 0 && (
                    <>
                      :{" "}
                      {Object.entries(r.readBack.weights)
                        .map(([k, w]) => `${k} ${percent(w)}`)
                        .join(", ")}
                    </>
                  )}
                  {r.readBack.version !== r.appliedVersion && (
                    <span className="text-amber-800"> (Switchyard last confirmed v{r.appliedVersion})</span>
                  )}
                </>
              )}
            </p>
          )}
          {r.readBackError && <p className="text-red-700">{r.readBackError}</p>}
          <p className="text-xs text-slate-500">Checked {new Date(r.checkedAt).toLocaleTimeString()}</p>
        </div>
      )}
    </div>
  );
}
