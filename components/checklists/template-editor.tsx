"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { assignChecklistTemplateAction, saveChecklistTemplateAction } from "@/lib/checklists/actions";
import { VERIFICATIONS } from "@/lib/checklists/schemas";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { FormAlert, Input, Select } from "../ui/form";

export interface EditableItem {
  section: string;
  label: string;
  required: boolean;
  verification: (typeof VERIFICATIONS)[number];
}

const VERIFY_LABELS: Record<EditableItem["verification"], string> = {
  manual: "Signed by a person",
  offline_metrics: "System: offline metrics vs champion",
  routers_healthy: "System: routers healthy and in sync",
  rollback_plan: "System: rollback plan valid",
  health_checks: "System: /healthz answers 200",
};

/** Edits one template's items; saving replaces them (rollouts keep the copy they were created with). */
export function TemplateEditor({
  template,
}: {
  template: { id?: string; name: string; isDefault: boolean; items: EditableItem[] };
}) {
  const [name, setName] = useState(template.name);
  const [isDefault, setIsDefault] = useState(template.isDefault);
  const [items, setItems] = useState<EditableItem[]>(template.items);
  const { execute, result, isPending } = useAction(saveChecklistTemplateAction);
  const errors = result.validationErrors as
    Record<string, { _errors?: string[] } & Record<string, unknown>> | undefined;
  const key = template.id ?? "new";
  const update = (i: number, patch: Partial<EditableItem>) =>
    setItems(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= items.length) return;
    const next = [...items];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setItems(next);
  };
  return (
    <Card title={template.id ? `Template: ${template.name}` : "New template"}>
      <form
        className="space-y-3"
        aria-label={template.id ? `Edit ${template.name}` : "New template"}
        onSubmit={(e) => {
          e.preventDefault();
          execute({ templateId: template.id, name, isDefault, items });
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-[16rem] flex-1">
            <label htmlFor={`${key}-name`} className="block text-sm font-medium text-slate-700">
              Name
            </label>
            <Input
              id={`${key}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={!!errors?.name}
            />
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Default for
            new systems
          </label>
        </div>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-1 pr-2">
                Section
              </th>
              <th scope="col" className="py-1 pr-2">
                Item
              </th>
              <th scope="col" className="py-1 pr-2">
                How it is checked
              </th>
              <th scope="col" className="py-1 pr-2">
                Required
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Order</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={i} className="align-top">
                <td className="py-1 pr-2">
                  <Input
                    aria-label={`Section of item ${i + 1}`}
                    value={item.section}
                    onChange={(e) => update(i, { section: e.target.value })}
                  />
                </td>
                <td className="py-1 pr-2">
                  <Input
                    aria-label={`Label of item ${i + 1}`}
                    value={item.label}
                    onChange={(e) => update(i, { label: e.target.value })}
                  />
                </td>
                <td className="py-1 pr-2">
                  <Select
                    aria-label={`Verification of item ${i + 1}`}
                    value={item.verification}
                    onChange={(e) => update(i, { verification: e.target.value as EditableItem["verification"] })}
                  >
                    {VERIFICATIONS.map((v) => (
                      <option key={v} value={v}>
                        {VERIFY_LABELS[v]}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="py-1 pr-2 text-center">
                  <input
                    type="checkbox"
                    aria-label={`Item ${i + 1} required`}
                    checked={item.required}
                    onChange={(e) => update(i, { required: e.target.checked })}
                  />
                </td>
                <td className="whitespace-nowrap py-1">
                  <Button
                    type="button"
                    variant="ghost"
                    className="!px-1.5"
                    aria-label={`Move item ${i + 1} up`}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="!px-1.5"
                    aria-label={`Move item ${i + 1} down`}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="!px-1.5"
                    aria-label={`Remove item ${i + 1}`}
                    onClick={() => setItems(items.filter((_, j) => j !== i))}
                  >
                    ✕
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setItems([
              ...items,
              { section: items.at(-1)?.section ?? "Process", label: "", required: true, verification: "manual" },
            ])
          }
        >
          Add item
        </Button>
        {errors && <FormAlert message={flatten(errors)} />}
        <FormAlert message={result.serverError} />
        {result.data && !isPending && (
          <p role="status" className="text-sm text-emerald-700">
            Saved. New rollouts use it; existing rollouts keep their checklist.
          </p>
        )}
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save template"}
        </Button>
      </form>
    </Card>
  );
}

export function AssignTemplateSelect({
  systemId,
  systemName,
  value,
  templates,
}: {
  systemId: string;
  systemName: string;
  value: string | null;
  templates: { id: string; name: string }[];
}) {
  const { execute, result, isPending } = useAction(assignChecklistTemplateAction);
  return (
    <span className="flex items-center gap-2">
      <Select
        aria-label={`Checklist template for ${systemName}`}
        defaultValue={value ?? ""}
        disabled={isPending}
        onChange={(e) => execute({ systemId, templateId: e.target.value })}
      >
        {value === null && <option value="">(default)</option>}
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      {result.serverError && (
        <span role="alert" className="text-xs text-red-600">
          {result.serverError}
        </span>
      )}
    </span>
  );
}

/** Field errors of the item rows, as one readable line. */
function flatten(errors: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      if (k === "_errors" && Array.isArray(v)) v.forEach((m) => out.push(path ? `${path}: ${m}` : String(m)));
      else walk(v, k.match(/^\d+$/) ? `${path ? `${path} ` : ""}#${Number(k) + 1}` : path ? `${path}.${k}` : k);
    }
  };
  walk(errors, "");
  return out.join("; ");
}
