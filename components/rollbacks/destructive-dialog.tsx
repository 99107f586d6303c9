"use client";
import { useRef, useState, type ReactNode } from "react";
import { Button } from "../ui/button";
import { FormAlert, Input } from "../ui/form";

/**
 * Destructive actions go through this dialog: it shows what will change and asks to type the
 * rollout's name before the button arms.
 */
export function DestructiveDialog({
  trigger,
  title,
  rolloutName,
  confirmLabel,
  children,
  pending,
  error,
  onConfirm,
  disabled,
}: {
  trigger: string;
  title: string;
  rolloutName: string;
  confirmLabel: string;
  children: ReactNode;
  pending: boolean;
  error?: string | null;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const armed = typed.trim() === rolloutName;
  return (
    <>
      <Button
        variant="danger"
        type="button"
        disabled={disabled}
        onClick={() => (setTyped(""), ref.current?.showModal())}
      >
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby="destructive-title"
        className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            if (armed) onConfirm();
          }}
        >
          <h2 id="destructive-title" className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {children}
          <div className="space-y-1">
            <label htmlFor="type-rollout-name" className="block text-sm text-slate-700">
              Type <span className="font-mono font-semibold">{rolloutName}</span> to confirm
            </label>
            <Input id="type-rollout-name" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          <FormAlert message={error} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!armed || pending}>
              {pending ? "Rolling back…" : confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
