"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import {
  breakGlassRollbackAction,
  cancelRollbackRequestAction,
  confirmRollbackAction,
  recordRootCauseAction,
  requestRollbackAction,
  reviewBreakGlassAction,
} from "@/lib/rollbacks/actions";
import { Button } from "../ui/button";
import { Field, FormAlert, Textarea } from "../ui/form";
import { DestructiveDialog } from "./destructive-dialog";
import { WeightsTable } from "./weights-table";

type Weights = Record<string, number>;
interface WeightsProps {
  rolloutName: string;
  weightsBefore: Weights;
  weightsAfter: Weights;
  labels: Record<string, string>;
}

function fieldError(result: { validationErrors?: unknown }, name: string) {
  return (result.validationErrors as Record<string, { _errors?: string[] }> | undefined)?.[name]?._errors?.[0];
}

/** First person: asks for a rollback with a reason; nothing changes until someone else confirms. */
export function RequestRollbackForm({ rolloutId }: { rolloutId: string }) {
  const [reason, setReason] = useState("");
  const { execute, result, isPending } = useAction(requestRollbackAction, { onSuccess: () => setReason("") });
  const error = fieldError(result, "reason");
  return (
    <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), execute({ rolloutId, reason }))}>
      <Field
        label="Reason for the rollback"
        htmlFor="rollback-reason"
        error={error}
        hint="A second person confirms it; then it executes at once."
      >
        <Textarea
          id="rollback-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!error}
          aria-describedby="rollback-reason-error"
        />
      </Field>
      <FormAlert message={result.serverError} />
      <Button type="submit" variant="danger" disabled={isPending}>
        {isPending ? "Requesting…" : "Request rollback"}
      </Button>
    </form>
  );
}

/** Second person: confirms through the destructive dialog; the rollback executes at once. */
export function ConfirmRollbackDialog({ requestId, ...w }: WeightsProps & { requestId: string }) {
  const { execute, result, isPending } = useAction(confirmRollbackAction);
  return (
    <DestructiveDialog
      trigger="Confirm rollback…"
      title={`Roll back “${w.rolloutName}” now?`}
      rolloutName={w.rolloutName}
      confirmLabel="Confirm and roll back"
      pending={isPending}
      error={result.serverError}
      onConfirm={() => execute({ requestId })}
    >
      <p className="text-sm text-slate-600">
        All traffic goes back to the champion at once. The routers’ weights change like this:
      </p>
      <WeightsTable before={w.weightsBefore} after={w.weightsAfter} labels={w.labels} caption="Router weights" />
    </DestructiveDialog>
  );
}

export function CancelRequestButton({ requestId }: { requestId: string }) {
  const { execute, result, isPending } = useAction(cancelRollbackRequestAction);
  return (
    <>
      <Button variant="secondary" disabled={isPending} onClick={() => execute({ requestId, note: "" })}>
        Cancel request
      </Button>
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
    </>
  );
}

/** One person, alone, with a written reason: flagged, notified and reviewed afterwards. */
export function BreakGlassForm({ rolloutId, ...w }: WeightsProps & { rolloutId: string }) {
  const [reason, setReason] = useState("");
  const { execute, result, isPending } = useAction(breakGlassRollbackAction);
  const error =
    fieldError(result, "reason") ??
    (reason.trim().length > 0 && reason.trim().length < 20 ? "At least 20 characters" : undefined);
  return (
    <div className="space-y-2">
      <Field label="Break-glass reason (written, at least 20 characters)" htmlFor="break-glass-reason" error={error}>
        <Textarea
          id="break-glass-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!error}
          aria-describedby="break-glass-reason-error"
        />
      </Field>
      <DestructiveDialog
        trigger="Break glass: roll back alone…"
        title={`Break-glass rollback of “${w.rolloutName}”`}
        rolloutName={w.rolloutName}
        confirmLabel="Roll back now (break-glass)"
        pending={isPending}
        error={result.serverError}
        disabled={reason.trim().length < 20}
        onConfirm={() => execute({ rolloutId, reason })}
      >
        <p className="text-sm text-slate-600">
          You roll back without a second person. It is flagged, everyone is notified, and another person must review it.
        </p>
        <p className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">Reason: {reason}</p>
        <WeightsTable before={w.weightsBefore} after={w.weightsAfter} labels={w.labels} caption="Router weights" />
      </DestructiveDialog>
    </div>
  );
}

export function ReviewBreakGlassForm({ requestId }: { requestId: string }) {
  const [note, setNote] = useState("");
  const { execute, result, isPending } = useAction(reviewBreakGlassAction);
  const error = fieldError(result, "note");
  const id = `review-${requestId}`;
  return (
    <form className="mt-2 space-y-2" onSubmit={(e) => (e.preventDefault(), execute({ requestId, note }))}>
      <Field
        label="Review note"
        htmlFor={id}
        error={error}
        hint="Was breaking the glass justified? What should change?"
      >
        <Textarea
          id={id}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={`${id}-error`}
        />
      </Field>
      <FormAlert message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Record review"}
      </Button>
    </form>
  );
}

export function RootCauseForm({ rolloutId }: { rolloutId: string }) {
  const [rootCause, setRootCause] = useState("");
  const { execute, result, isPending } = useAction(recordRootCauseAction);
  const error = fieldError(result, "rootCause");
  return (
    <form className="mt-2 space-y-2" onSubmit={(e) => (e.preventDefault(), execute({ rolloutId, rootCause }))}>
      <Field
        label="Root cause"
        htmlFor="root-cause"
        error={error}
        hint="Recorded on the incident; unblocks the version for a fixed rollout."
      >
        <Textarea
          id="root-cause"
          rows={3}
          value={rootCause}
          onChange={(e) => setRootCause(e.target.value)}
          aria-invalid={!!error}
          aria-describedby="root-cause-error"
        />
      </Field>
      <FormAlert message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Record root cause"}
      </Button>
    </form>
  );
}
