"use client";
import { useState } from "react";
import type { RouterKind } from "@/lib/routers/types";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { KIND_HELP } from "./kind-help";
import { RouterForm } from "./router-form";

interface Props {
  router: { id: string; name: string; type: RouterKind; endpoint: string; settings: unknown; secretSet: boolean };
  canEdit: boolean;
}

/** Endpoint, settings and whether a secret is stored (never its value); admins edit in place. */
export function ConnectionCard({ router, canEdit }: Props) {
  const [editing, setEditing] = useState(false);
  const help = KIND_HELP[router.type];
  return (
    <Card
      title={editing ? `Edit ${router.name}` : "Connection"}
      actions={
        canEdit && !editing ? (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : undefined
      }
    >
      {editing ? (
        <RouterForm mode="edit" router={router} onDone={() => setEditing(false)} />
      ) : (
        <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">{help.endpointLabel}</dt>
          <dd className="break-all font-mono text-xs text-slate-900">{router.endpoint}</dd>
          <dt className="text-slate-500">Secret</dt>
          <dd data-testid="router-secret-state">
            {help.secret ? (
              router.secretSet ? (
                <Badge tone="green">secret set</Badge>
              ) : (
                <Badge tone={help.secret.required ? "red" : "neutral"}>no secret</Badge>
              )
            ) : (
              <span className="text-slate-500">not used by {help.label}</span>
            )}
          </dd>
          <dt className="text-slate-500">Settings</dt>
          <dd className="min-w-0">
            <pre className="overflow-x-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-200">
              {JSON.stringify(router.settings ?? {}, null, 2)}
            </pre>
          </dd>
        </dl>
      )}
    </Card>
  );
}
