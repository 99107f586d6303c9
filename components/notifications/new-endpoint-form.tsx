"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { createNotificationEndpointAction } from "@/lib/notifications/actions";
import { NOTIFICATION_EVENT_LABELS, NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/notifications/events";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input } from "../ui/form";

export function NewEndpointForm() {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [events, setEvents] = useState<NotificationEvent[]>([...NOTIFICATION_EVENTS]);
  const { execute, result, isPending } = useAction(createNotificationEndpointAction, {
    onSuccess: () => (setName(""), setUrl(""), setSecret("")),
  });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return (
    <Card title="Add a webhook endpoint">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          execute({ name, url, secret: secret || undefined, events });
        }}
      >
        <Field label="Name" htmlFor="ep-name" error={errors?.name?._errors?.[0]}>
          <Input id="ep-name" value={name} onChange={(e) => setName(e.target.value)} aria-describedby="ep-name-error" />
        </Field>
        <Field
          label="URL"
          htmlFor="ep-url"
          error={errors?.url?._errors?.[0]}
          hint="Slack incoming webhook or any receiver; the body is Slack-compatible ({ text, blocks })."
        >
          <Input
            id="ep-url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://hooks.slack.com/services/…"
            aria-describedby="ep-url-error"
          />
        </Field>
        <Field
          label="Signing secret (optional)"
          htmlFor="ep-secret"
          hint="Stored encrypted. Each POST carries x-switchyard-signature: sha256=HMAC(secret, timestamp.body)."
        >
          <Input
            id="ep-secret"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="off"
          />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-1 space-y-1">
            {NOTIFICATION_EVENTS.map((ev) => (
              <label key={ev} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={events.includes(ev)}
                  onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
                />
                <code className="text-xs">{ev}</code>{" "}
                <span className="text-slate-500">{NOTIFICATION_EVENT_LABELS[ev]}</span>
              </label>
            ))}
          </div>
          {errors?.events?._errors?.[0] && <p className="text-xs text-red-600">{errors.events._errors[0]}</p>}
        </fieldset>
        <FormAlert message={result.serverError} />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Adding…" : "Add endpoint"}
        </Button>
      </form>
    </Card>
  );
}
