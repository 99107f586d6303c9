"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { openIncidentAction } from "@/lib/incidents/actions";
import { INCIDENT_SEVERITIES } from "@/lib/incidents/schemas";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input, Select, Textarea } from "../ui/form";
import { oneOf } from "@/lib/validation";

export function OpenIncidentForm({ systems }: { systems: { id: string; name: string }[] }) {
  const [systemId, setSystemId] = useState(systems[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<(typeof INCIDENT_SEVERITIES)[number]>("minor");
  const [message, setMessage] = useState("");
  const { execute, result, isPending } = useAction(openIncidentAction, {
    onSuccess: () => (setTitle(""), setMessage("")),
  });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return (
    <Card title="Open an incident">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          execute({ systemId, title, severity, message });
        }}
      >
        <Field label="System" htmlFor="inc-system">
          <Select id="inc-system" value={systemId} onChange={(e) => setSystemId(e.target.value)}>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Title" htmlFor="inc-title" error={errors?.title?._errors?.[0]}>
          <Input
            id="inc-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-describedby="inc-title-error"
          />
        </Field>
        <Field label="Severity" htmlFor="inc-sev">
          <Select
            id="inc-sev"
            value={severity}
            onChange={(e) => setSeverity(oneOf(INCIDENT_SEVERITIES, e.target.value) ?? "minor")}
          >
            {INCIDENT_SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="First update (public)" htmlFor="inc-msg" error={errors?.message?._errors?.[0]}>
          <Textarea
            id="inc-msg"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby="inc-msg-error"
          />
        </Field>
        <FormAlert message={result.serverError} />
        <Button type="submit" disabled={isPending || !systemId}>
          {isPending ? "Opening…" : "Open incident"}
        </Button>
      </form>
    </Card>
  );
}
