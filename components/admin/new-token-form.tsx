"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { createApiTokenAction } from "@/lib/tokens/actions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input, Select } from "../ui/form";
import type { CreateApiTokenInput } from "@/lib/tokens/schemas";

const SCOPE_PRESETS: Record<string, CreateApiTokenInput["scopes"]> = {
  "Everything the role allows": ["*"],
  "Register versions only": ["registry.read", "registry.write"],
  "Drive rollouts": ["rollouts.read", "rollouts.write", "rollouts.control", "registry.read"],
  "Send metrics (ingest)": ["metrics.ingest"],
};

export function NewTokenForm() {
  const [name, setName] = useState("");
  const [preset, setPreset] = useState("Register versions only");
  const [expires, setExpires] = useState("90");
  const [copied, setCopied] = useState(false);
  const { execute, result, isPending } = useAction(createApiTokenAction);
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return (
    <Card title="Create a token">
      {result.data ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            Token <strong>{result.data.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <code
            data-testid="new-token"
            className="block break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300"
          >
            {result.data.token}
          </code>
          <Button
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(result.data!.token).catch(() => {});
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            execute({
              name,
              scopes: SCOPE_PRESETS[preset],
              expiresInDays: expires ? Number(expires) : undefined,
            });
          }}
        >
          <Field
            label="Name"
            htmlFor="tok-name"
            error={errors?.name?._errors?.[0]}
            hint="Which pipeline uses it, e.g. “training pipeline”."
          >
            <Input
              id="tok-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-describedby="tok-name-error"
            />
          </Field>
          <p className="text-sm text-slate-600" data-testid="token-role-note">
            The token acts with your role, narrowed by its scopes, and never more than you may do now. A pipeline that
            drives rollouts needs a release manager&apos;s token: they create it with{" "}
            <code className="font-mono text-xs">switchyard login</code>.
          </p>
          <Field label="Scopes" htmlFor="tok-scopes">
            <Select id="tok-scopes" value={preset} onChange={(e) => setPreset(e.target.value)}>
              {Object.keys(SCOPE_PRESETS).map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          <Field label="Expires after (days)" htmlFor="tok-expires" hint="Empty for no expiry.">
            <Input
              id="tok-expires"
              type="number"
              min={1}
              max={3650}
              value={expires}
              onChange={(e) => setExpires(e.target.value)}
            />
          </Field>
          <FormAlert message={result.serverError} />
          <Button type="submit" disabled={isPending}>
            {isPending ? "Creating…" : "Create token"}
          </Button>
        </form>
      )}
    </Card>
  );
}
