"use client";
import Link from "next/link";
import { useAction } from "next-safe-action/hooks";
import { verifyAuditChainAction } from "@/lib/audit/actions";
import { Button } from "../ui/button";
import { FormAlert } from "../ui/form";

/** "Verify chain": recomputes every hash on the server and names the first bad row. */
export function VerifyChainPanel() {
  const { execute, result, isPending } = useAction(verifyAuditChainAction);
  const r = result.data;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => execute({})} disabled={isPending}>
          {isPending ? "Verifying…" : "Verify chain"}
        </Button>
        <span className="text-xs text-slate-500">
          Recomputes every event’s hash from its content and the hash before it.
        </span>
      </div>
      <FormAlert message={result.serverError} />
      {r && (
        <div
          role="status"
          data-testid="verify-result"
          className={`rounded-md border px-4 py-3 text-sm ${r.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
        >
          {r.ok ? (
            <p>
              <strong>Chain intact.</strong> {r.checked.toLocaleString("en")} events verified in{" "}
              {(r.durationMs / 1000).toFixed(2)} s; head #{r.headId ?? "—"}{" "}
              <code className="break-all font-mono text-xs" data-testid="verify-head">
                {r.headHash}
              </code>
              {r.anchorsChecked > 0 && <> · {r.anchorsChecked} frozen deployment records anchored in the chain</>}
            </p>
          ) : (
            <>
              <p>
                <strong>Tampering detected:</strong> {r.problem}.{" "}
                {r.firstBadId && /^\d+$/.test(r.firstBadId) && (
                  <Link className="font-medium underline" href={`/audit?around=${r.firstBadId}#event-${r.firstBadId}`}>
                    Show row {r.firstBadId}
                  </Link>
                )}
              </p>
              {r.problems.length > 1 && (
                <ul className="mt-2 list-disc pl-5 text-xs">
                  {r.problems.slice(1).map((p) => (
                    <li key={`${p.kind}-${p.id}`}>{p.message}</li>
                  ))}
                </ul>
              )}
              <p className="mt-1 text-xs">
                {r.checked.toLocaleString("en")} events checked in {(r.durationMs / 1000).toFixed(2)} s.
              </p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
