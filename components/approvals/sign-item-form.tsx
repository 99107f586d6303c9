"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { signChecklistItemAction } from "@/lib/checklists/actions";
import { Button } from "../ui/button";
import { FormAlert, Input } from "../ui/form";

/** "Sign" on one checklist item: a note (what you checked) or a link to the evidence. */
export function SignItemForm({ itemId, label }: { itemId: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const { execute, result, isPending, reset } = useAction(signChecklistItemAction, { onSuccess: () => setOpen(false) });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  const noteError = errors?.note?._errors?.[0];
  const linkError = errors?.evidenceUrl?._errors?.[0];
  if (!open) {
    return (
      <Button
        variant="secondary"
        className="!px-2 !py-1 text-xs"
        onClick={() => setOpen(true)}
        aria-label={`Sign “${label}”`}
      >
        Sign
      </Button>
    );
  }
  const base = `sign-${itemId}`;
  return (
    <form
      className="mt-2 w-full space-y-2 rounded-md bg-slate-50 p-2"
      aria-label={`Sign “${label}”`}
      onSubmit={(e) => {
        e.preventDefault();
        execute({ itemId, note, evidenceUrl });
      }}
    >
      <label className="block text-xs font-medium text-slate-700" htmlFor={`${base}-note`}>
        Note: what you checked
      </label>
      <Input
        id={`${base}-note`}
        value={note}
        onChange={(e) => (reset(), setNote(e.target.value))}
        aria-invalid={!!noteError}
        aria-describedby={`${base}-note-error`}
      />
      {noteError && (
        <p id={`${base}-note-error`} className="text-xs text-red-600">
          {noteError}
        </p>
      )}
      <label className="block text-xs font-medium text-slate-700" htmlFor={`${base}-link`}>
        Evidence link (optional)
      </label>
      <Input
        id={`${base}-link`}
        type="url"
        placeholder="https://…"
        value={evidenceUrl}
        onChange={(e) => (reset(), setEvidenceUrl(e.target.value))}
        aria-invalid={!!linkError}
        aria-describedby={`${base}-link-error`}
      />
      {linkError && (
        <p id={`${base}-link-error`} className="text-xs text-red-600">
          {linkError}
        </p>
      )}
      <FormAlert message={result.serverError} />
      <div className="flex gap-2">
        <Button type="submit" className="!py-1 text-xs" disabled={isPending}>
          {isPending ? "Signing…" : "Sign item"}
        </Button>
        <Button type="button" variant="ghost" className="!py-1 text-xs" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
