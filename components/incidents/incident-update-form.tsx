"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { postIncidentUpdateAction } from "@/lib/incidents/actions";
import { INCIDENT_STATUSES } from "@/lib/incidents/schemas";
import { oneOf } from "@/lib/validation";
import { Button } from "../ui/button";
import { FormAlert, Select, Textarea } from "../ui/form";

export function IncidentUpdateForm({ incidentId, status }: { incidentId: string; status: string }) {
  const [next, setNext] = useState(
    status === "investigating" ? "identified" : (oneOf(INCIDENT_STATUSES, status) ?? "identified"),
  );
  const [message, setMessage] = useState("");
  const { execute, result, isPending } = useAction(postIncidentUpdateAction, { onSuccess: () => setMessage("") });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return (
    <form
      className="mt-3 space-y-2"
      aria-label="Post an update"
      onSubmit={(e) => {
        e.preventDefault();
        execute({ incidentId, status: next, message });
      }}
    >
      <div className="flex flex-wrap items-start gap-2">
        <label className="sr-only" htmlFor={`st-${incidentId}`}>
          New status
        </label>
        <Select
          id={`st-${incidentId}`}
          value={next}
          onChange={(e) => setNext(oneOf(INCIDENT_STATUSES, e.target.value) ?? next)}
          className="w-40"
        >
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <label className="sr-only" htmlFor={`msg-${incidentId}`}>
          Update for stakeholders
        </label>
        <Textarea
          id={`msg-${incidentId}`}
          rows={2}
          className="min-w-64 flex-1"
          placeholder="What stakeholders should know now"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={Boolean(errors?.message)}
        />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Posting…" : "Post update"}
        </Button>
      </div>
      {errors?.message?._errors?.[0] && <p className="text-xs text-red-600">{errors.message._errors[0]}</p>}
      <FormAlert message={result.serverError} />
    </form>
  );
}
