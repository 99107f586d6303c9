"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import {
  cancelGateOverrideAction,
  confirmGateOverrideAction,
  keepWaitingAction,
  requestGateOverrideAction,
} from "@/lib/gate-overrides/actions";
import { Button } from "../ui/button";
import { Field, FormAlert, Select, Textarea } from "../ui/form";

function fieldError(result: { validationErrors?: unknown }, name: string) {
  return (result.validationErrors as Record<string, { _errors?: string[] }> | undefined)?.[name]?._errors?.[0];
}

function minutesLabel(m: number): string {
  return m % 1_440 === 0 ? `${m / 1_440} day${m === 1_440 ? "" : "s"}` : m % 60 === 0 ? `${m / 60} h` : `${m} min`;
}

/** Extends the current step's maximum wait; the rollout goes on waiting for its gates. */
export function KeepWaitingForm({
  rolloutId,
  revision,
  choices,
}: {
  rolloutId: string;
  revision: number;
  choices: number[];
}) {
  const [minutes, setMinutes] = useState(choices[2] ?? choices[0]);
  const { execute, result, isPending } = useAction(keepWaitingAction);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => (e.preventDefault(), execute({ rolloutId, minutes, expectedRevision: revision }))}
    >
      <Field label="Keep waiting for" htmlFor="keep-waiting-minutes">
        <Select id="keep-waiting-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {choices.map((m) => (
            <option key={m} value={m}>
              {minutesLabel(m)} more
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Working…" : "Keep waiting"}
      </Button>
      <div className="basis-full">
        <FormAlert message={result.serverError} />
      </div>
    </form>
  );
}

/** First person: asks to accept the step without its gates deciding, with a written reason. */
export function AcceptStepForm({ rolloutId, stepNo }: { rolloutId: string; stepNo: number }) {
  const [reason, setReason] = useState("");
  const { execute, result, isPending } = useAction(requestGateOverrideAction, { onSuccess: () => setReason("") });
  const error =
    fieldError(result, "reason") ??
    (reason.trim().length > 0 && reason.trim().length < 20 ? "At least 20 characters" : undefined);
  return (
    <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), execute({ rolloutId, reason }))}>
      <Field
        label={`Reason to accept step ${stepNo} without its gates deciding`}
        htmlFor="accept-reason"
        error={error}
        hint="A second person confirms it; the deployment record lists it as an override."
      >
        <Textarea
          id="accept-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={!!error}
          aria-describedby="accept-reason-error"
        />
      </Field>
      <FormAlert message={result.serverError} />
      <Button type="submit" variant="secondary" disabled={isPending}>
        {isPending ? "Asking…" : "Ask to accept the step"}
      </Button>
    </form>
  );
}

/** Second person: confirms; the step completes as accepted and a paused rollout goes on. */
export function ConfirmAcceptanceButton({ overrideId, stepNo }: { overrideId: string; stepNo: number }) {
  const { execute, result, isPending } = useAction(confirmGateOverrideAction);
  return (
    <>
      <Button variant="primary" disabled={isPending} onClick={() => execute({ overrideId })}>
        {isPending ? "Confirming…" : `Confirm: accept step ${stepNo}`}
      </Button>
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
    </>
  );
}

export function CancelAcceptanceButton({ overrideId }: { overrideId: string }) {
  const { execute, result, isPending } = useAction(cancelGateOverrideAction);
  return (
    <>
      <Button variant="secondary" disabled={isPending} onClick={() => execute({ overrideId })}>
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
