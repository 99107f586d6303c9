"use client";
import { useAction } from "next-safe-action/hooks";
import { runChecklistChecksAction } from "@/lib/checklists/actions";
import { Button } from "../ui/button";

/** Re-runs the system-verified items (registry metrics, routers, rollback plan, /healthz). */
export function RunChecksButton({ rolloutId }: { rolloutId: string }) {
  const { execute, result, isPending } = useAction(runChecklistChecksAction);
  const failed = result.data?.outcomes.filter((o) => o.status === "failed").length;
  return (
    <div className="flex items-center gap-2">
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
      {result.data && !isPending && (
        <span role="status" className="text-xs text-slate-600">
          {failed ? `${failed} check${failed === 1 ? "" : "s"} failed` : "All system checks passed"}
        </span>
      )}
      <Button variant="secondary" className="!py-1 text-xs" disabled={isPending} onClick={() => execute({ rolloutId })}>
        {isPending ? "Running checks…" : "Run checks"}
      </Button>
    </div>
  );
}
