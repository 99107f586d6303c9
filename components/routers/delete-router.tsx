"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { deleteRouterAction } from "@/lib/routers/actions";
import { Button } from "../ui/button";
import { Field, FormAlert, Input } from "../ui/form";

/** Removing a router asks for its name, like every destructive action. */
export function DeleteRouter({ routerId, name }: { routerId: string; name: string }) {
  const nav = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const { execute, result, isPending } = useAction(deleteRouterAction, { onSuccess: () => nav.push("/routers") });
  if (!confirming) {
    return (
      <Button variant="secondary" className="text-red-700" onClick={() => setConfirming(true)}>
        Remove router…
      </Button>
    );
  }
  return (
    <div className="space-y-3 rounded-md border border-red-200 bg-red-50 p-3">
      <p className="text-sm text-red-900">
        Switchyard stops driving this router; it keeps serving its last config. Refused while a rollout is live on the
        system.
      </p>
      <Field label={`Type “${name}” to confirm`} htmlFor="delete-router-name">
        <Input id="delete-router-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
      </Field>
      <FormAlert message={result.serverError} />
      <div className="flex gap-2">
        <Button variant="danger" disabled={typed !== name || isPending} onClick={() => execute({ routerId })}>
          {isPending ? "Removing…" : "Remove router"}
        </Button>
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
