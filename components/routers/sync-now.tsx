"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { syncRouterAction } from "@/lib/routers/actions";
import { Button } from "../ui/button";

/** "Sync now": push the system's current routing to this router and wait for its read-back. */
export function SyncNow({ routerId }: { routerId: string }) {
  const nav = useRouter();
  const { execute, result, isPending } = useAction(syncRouterAction, { onSuccess: () => nav.refresh() });
  const r = result.data;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => execute({ routerId })} disabled={isPending}>
        {isPending ? "Syncing…" : "Sync now"}
      </Button>
      <span role="status" className="text-sm">
        {result.serverError && <span className="text-red-700">{result.serverError}</span>}
        {r?.ok && (
          <span className="text-emerald-700">
            Config v{r.version} applied and read back in {Math.round(r.ms)} ms.
          </span>
        )}
        {r && !r.ok && (
          <span className="text-red-700">
            Push of v{r.version} failed: {r.error}
          </span>
        )}
      </span>
    </div>
  );
}
