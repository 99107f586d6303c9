"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { createRouterAction, updateRouterAction } from "@/lib/routers/actions";
import { ROUTER_KINDS } from "@/lib/routers/schemas";
import type { RouterKind } from "@/lib/routers/types";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Field, FormAlert, Input, Select, Textarea } from "../ui/form";
import { KIND_HELP } from "./kind-help";

type Props =
  | { mode: "create"; systems: { slug: string; name: string }[]; defaultSystem?: string }
  | {
      mode: "edit";
      router: { id: string; name: string; type: RouterKind; endpoint: string; settings: unknown; secretSet: boolean };
      onDone?: () => void;
    };

/** Register or edit a router. The secret is write-only: the form never receives it, and an empty
 * field on edit keeps the stored one. Settings are JSON, with the kind's example one click away. */
export function RouterForm(props: Props) {
  const nav = useRouter();
  const editing = props.mode === "edit" ? props.router : null;
  const [system, setSystem] = useState(
    props.mode === "create" ? (props.defaultSystem ?? props.systems[0]?.slug ?? "") : "",
  );
  const [kind, setKind] = useState<RouterKind>(editing?.type ?? "builtin");
  const [name, setName] = useState(editing?.name ?? "");
  const [endpoint, setEndpoint] = useState(editing?.endpoint ?? "");
  const [settingsText, setSettingsText] = useState(editing ? JSON.stringify(editing.settings ?? {}, null, 2) : "");
  const [secret, setSecret] = useState("");
  const [clearSecret, setClearSecret] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const help = KIND_HELP[kind];
  const id = (f: string) => `router-${f}`;

  const create = useAction(createRouterAction, { onSuccess: ({ data }) => data && nav.push(`/routers/${data.id}`) });
  const update = useAction(updateRouterAction, {
    onSuccess: () => {
      setSecret("");
      setClearSecret(false);
      nav.refresh();
      if (props.mode === "edit") props.onDone?.();
    },
  });
  const { result, isPending } = editing ? update : create;
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  const err = (k: string) => errors?.[k]?._errors?.join("; ");
  const described = (k: string) => (err(k) ? { "aria-invalid": true, "aria-describedby": `${id(k)}-error` } : {});

  function submit(e: React.FormEvent) {
    e.preventDefault();
    let settings: Record<string, unknown> = {};
    if (settingsText.trim()) {
      try {
        settings = JSON.parse(settingsText);
      } catch (error) {
        setJsonError(`Not valid JSON: ${(error as Error).message}`);
        return;
      }
      if (!settings || typeof settings !== "object" || Array.isArray(settings)) {
        setJsonError('Settings must be a JSON object, e.g. { "timeoutMs": 5000 }');
        return;
      }
    }
    setJsonError(null);
    if (editing)
      update.execute({
        routerId: editing.id,
        name,
        endpoint,
        settings,
        secret: secret || undefined,
        clearSecret: clearSecret || undefined,
      });
    else create.execute({ system, name, type: kind, endpoint, settings, secret: secret || undefined });
  }

  return (
    <form className="grid gap-4 md:grid-cols-2" onSubmit={submit} noValidate>
      {props.mode === "create" && (
        <>
          <Field label="System" htmlFor={id("system")} error={err("system")}>
            <Select
              id={id("system")}
              value={system}
              onChange={(e) => setSystem(e.target.value)}
              {...described("system")}
            >
              {props.systems.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Kind" htmlFor={id("type")} error={err("type")}>
            <Select id={id("type")} value={kind} onChange={(e) => setKind(e.target.value as RouterKind)}>
              {ROUTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_HELP[k].label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      <p className="text-sm text-slate-600 md:col-span-2" data-testid="kind-summary">
        {help.summary}
      </p>
      <Field label="Name" htmlFor={id("name")} error={err("name")} hint="Unique per system, e.g. edge-eu-1.">
        <Input
          id={id("name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="edge-eu-1"
          autoComplete="off"
          {...described("name")}
        />
      </Field>
      <Field label={help.endpointLabel} htmlFor={id("endpoint")} error={err("endpoint")} hint={help.endpointHint}>
        <Input
          id={id("endpoint")}
          value={endpoint}
          onChange={(e) => setEndpoint(e.target.value)}
          placeholder={help.endpointExample}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          {...described("endpoint")}
        />
      </Field>
      {help.secret ? (
        <div className="md:col-span-2">
          <Field
            label={help.secret.label}
            htmlFor={id("secret")}
            error={err("secret")}
            hint={
              editing?.secretSet
                ? "A secret is stored. Leave this empty to keep it; type a new one to replace it. It is never shown again."
                : `${help.secret.hint} Stored encrypted; never shown again after saving.`
            }
          >
            {editing?.secretSet && (
              <div className="mb-1">
                <Badge tone="green">secret set</Badge>
              </div>
            )}
            {help.secret.multiline ? (
              <Textarea
                id={id("secret")}
                rows={4}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder={
                  editing?.secretSet ? "Leave empty to keep the stored kubeconfig" : "apiVersion: v1\nkind: Config\n…"
                }
                className="font-mono [-webkit-text-security:disc]"
                autoComplete="off"
                spellCheck={false}
                disabled={clearSecret}
                {...described("secret")}
              />
            ) : (
              <Input
                id={id("secret")}
                type="password"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder={editing?.secretSet ? "Leave empty to keep the stored secret" : ""}
                autoComplete="new-password"
                disabled={clearSecret}
                {...described("secret")}
              />
            )}
          </Field>
          {editing?.secretSet && !help.secret.required && (
            <label className="mt-2 flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={clearSecret} onChange={(e) => setClearSecret(e.target.checked)} />
              Remove the stored secret
            </label>
          )}
        </div>
      ) : (
        <p className="text-xs text-slate-500 md:col-span-2">{help.label} routers take no secret.</p>
      )}
      <div className="md:col-span-2">
        <Field
          label="Settings (JSON)"
          htmlFor={id("settings")}
          error={jsonError ?? err("settings")}
          hint={
            <>
              {help.settingsHint}{" "}
              <button
                type="button"
                className="font-medium text-brand-700 hover:underline"
                onClick={() => setSettingsText(JSON.stringify(help.settingsExample, null, 2))}
              >
                Use the example
              </button>
            </>
          }
        >
          <Textarea
            id={id("settings")}
            rows={Math.min(12, Math.max(5, settingsText.split("\n").length + 1))}
            value={settingsText}
            onChange={(e) => setSettingsText(e.target.value)}
            placeholder={JSON.stringify(help.settingsExample, null, 2)}
            className="font-mono text-xs"
            spellCheck={false}
            aria-invalid={!!(jsonError ?? err("settings"))}
            aria-describedby={(jsonError ?? err("settings")) ? `${id("settings")}-error` : undefined}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3 md:col-span-2">
        <div className="min-w-0 flex-1">
          <FormAlert message={result.serverError} />
        </div>
        {editing && props.mode === "edit" && props.onDone && (
          <Button type="button" variant="secondary" onClick={props.onDone}>
            Cancel
          </Button>
        )}
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : editing ? "Save changes" : "Register router"}
        </Button>
      </div>
    </form>
  );
}
