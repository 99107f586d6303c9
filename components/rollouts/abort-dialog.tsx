"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { abortRolloutAction } from "@/lib/rollouts/actions";
import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { Button } from "../ui/button";
import { Field, FormAlert, Input } from "../ui/form";
import { SplitBar } from "./split-bar";

/** Destructive: asks for the rollout's name and shows the weights before and after. */
export function AbortDialog({ rollout, onClose }: { rollout: PresentedRollout; onClose: (message?: string) => void }) {
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const { executeAsync, isPending, result } = useAction(abortRolloutAction);
  const after = Object.fromEntries(rollout.variants.map((v) => [v.key, v.role === "champion" ? 10_000 : 0]));
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="abort-title"
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/50 px-4"
    >
      <div className="w-full max-w-lg rounded-lg bg-white p-5 shadow-xl">
        <h2 id="abort-title" className="text-base font-semibold text-slate-900">
          Abort “{rollout.name}”?
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          All traffic goes back to the champion on every router at once. The rollout can’t be resumed.
        </p>
        <div className="mt-4 space-y-3 text-sm">
          <div>
            <p className="mb-1 font-medium text-slate-700">Now</p>
            <SplitBar weights={rollout.desiredWeights} variants={rollout.variants} />
          </div>
          <div>
            <p className="mb-1 font-medium text-slate-700">After abort</p>
            <SplitBar weights={after} variants={rollout.variants} />
          </div>
          <Field label="Reason (optional)" htmlFor="abort-reason">
            <Input id="abort-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Field>
          <Field label={`Type the rollout name to confirm: ${rollout.name}`} htmlFor="abort-confirm">
            <Input id="abort-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </Field>
          <FormAlert message={result.serverError} />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onClose()}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={typed !== rollout.name || isPending}
            onClick={async () => {
              const r = await executeAsync({ rolloutId: rollout.id, reason: reason || undefined });
              if (!r?.serverError) onClose();
            }}
          >
            {isPending ? "Aborting…" : "Abort rollout"}
          </Button>
        </div>
      </div>
    </div>
  );
}
