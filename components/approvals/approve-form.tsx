"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { approveRolloutAction, revokeApprovalAction } from "@/lib/approvals/actions";
import { Button } from "../ui/button";
import { FormAlert, Textarea } from "../ui/form";

/** Approves the exact plan on screen: its hash goes with the approval, so a changed plan is refused. */
export function ApproveForm({ rolloutId, planHash }: { rolloutId: string; planHash: string }) {
  const [comment, setComment] = useState("");
  const { execute, result, isPending } = useAction(approveRolloutAction);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ rolloutId, planHash, comment });
      }}
    >
      <label htmlFor="approve-comment" className="block text-xs font-medium text-slate-700">
        Comment (optional)
      </label>
      <Textarea id="approve-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      <FormAlert message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Approving…" : `Approve plan ${planHash.slice(0, 10)}`}
      </Button>
    </form>
  );
}

export function RevokeApprovalButton({ approvalId }: { approvalId: string }) {
  const { execute, result, isPending } = useAction(revokeApprovalAction);
  return (
    <>
      <Button
        variant="ghost"
        className="!px-2 !py-0.5 text-xs"
        disabled={isPending}
        onClick={() => execute({ approvalId })}
      >
        Revoke
      </Button>
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
    </>
  );
}
