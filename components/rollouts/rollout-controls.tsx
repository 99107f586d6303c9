"use client";
import { useAction } from "next-safe-action/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  advanceRolloutAction,
  pauseRolloutAction,
  promoteRolloutAction,
  resumeRolloutAction,
  startRolloutAction,
  submitRolloutAction,
} from "@/lib/rollouts/actions";
import { rolloutKeys } from "@/lib/rollouts/query-keys";
import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { Button } from "../ui/button";
import { FormAlert } from "../ui/form";
import { AbortDialog } from "./abort-dialog";

const ACTIONS = {
  submit: { action: submitRolloutAction, label: "Submit for approval", variant: "primary" },
  start: { action: startRolloutAction, label: "Start rollout", variant: "primary" },
  resume: { action: resumeRolloutAction, label: "Resume", variant: "primary" },
  advance: { action: advanceRolloutAction, label: "Advance to next step", variant: "secondary" },
  promote: { action: promoteRolloutAction, label: "Promote to 100 %", variant: "secondary" },
  pause: { action: pauseRolloutAction, label: "Pause", variant: "secondary" },
} as const;

type Name = keyof typeof ACTIONS;

export function RolloutControls({
  rollout,
  canControl,
  canWrite,
}: {
  rollout: PresentedRollout;
  canControl: boolean;
  canWrite: boolean;
}) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [aborting, setAborting] = useState(false);
  const allowed = new Set(rollout.allowedCommands);
  const current = rollout.steps[rollout.currentStepIndex];
  const visible = (Object.keys(ACTIONS) as Name[]).filter((name) => {
    if (name === "submit") return canWrite && allowed.has("submit");
    if (!canControl || !allowed.has(name)) return false;
    if (name === "advance") return current?.kind === "pause";
    return true;
  });
  if (!visible.length && !(canControl && allowed.has("abort"))) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {visible.map((name) => (
          <CommandButton
            key={name}
            name={name}
            rollout={rollout}
            onDone={(message) => {
              setError(message);
              void qc.invalidateQueries({ queryKey: rolloutKeys.detail(rollout.id) });
            }}
          />
        ))}
        {canControl && allowed.has("abort") && (
          <Button variant="danger" onClick={() => setAborting(true)}>
            Abort
          </Button>
        )}
      </div>
      <FormAlert message={error} />
      {aborting && (
        <AbortDialog
          rollout={rollout}
          onClose={(message) => {
            setAborting(false);
            setError(message ?? null);
            void qc.invalidateQueries({ queryKey: rolloutKeys.detail(rollout.id) });
          }}
        />
      )}
    </div>
  );
}

function CommandButton({
  name,
  rollout,
  onDone,
}: {
  name: Name;
  rollout: PresentedRollout;
  onDone: (error: string | null) => void;
}) {
  const spec = ACTIONS[name];
  const { executeAsync, isPending } = useAction(spec.action);
  return (
    <Button
      variant={spec.variant}
      disabled={isPending}
      onClick={async () => {
        const result = await executeAsync({ rolloutId: rollout.id, expectedRevision: rollout.revision });
        onDone(result?.serverError ?? (result?.validationErrors ? "That request was not valid." : null));
      }}
    >
      {isPending ? "Working…" : spec.label}
    </Button>
  );
}
