"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { createSystemAction } from "@/lib/systems/actions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input, Textarea } from "../ui/form";

export function NewSystemForm() {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", slug: "", description: "", requiredApprovals: "1" });
  const { execute, result, isPending } = useAction(createSystemAction, {
    onSuccess: ({ data }) => data && router.push(`/systems/${data.slug}`),
  });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  const err = (k: string) => errors?.[k]?._errors?.[0];
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues({ ...values, [k]: e.target.value });

  return (
    <Card title="Register a system">
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          execute({ ...values, requiredApprovals: Number(values.requiredApprovals), mirrorSafeRoutes: ["/predict"] });
        }}
      >
        <Field label="Name" htmlFor="sys-name" error={err("name")}>
          <Input
            id="sys-name"
            value={values.name}
            onChange={set("name")}
            aria-invalid={!!err("name")}
            aria-describedby="sys-name-error"
            placeholder="Customer Churn Prediction"
          />
        </Field>
        <Field label="Slug" htmlFor="sys-slug" error={err("slug")} hint="Used in URLs and the API, e.g. churn">
          <Input
            id="sys-slug"
            value={values.slug}
            onChange={set("slug")}
            aria-invalid={!!err("slug")}
            aria-describedby="sys-slug-error"
            placeholder="churn"
          />
        </Field>
        <div className="sm:col-span-2">
          <Field label="Description" htmlFor="sys-desc" error={err("description")}>
            <Textarea id="sys-desc" rows={2} value={values.description} onChange={set("description")} />
          </Field>
        </div>
        <Field label="Approvals required per rollout" htmlFor="sys-approvals" error={err("requiredApprovals")}>
          <Input
            id="sys-approvals"
            type="number"
            min={1}
            max={10}
            value={values.requiredApprovals}
            onChange={set("requiredApprovals")}
          />
        </Field>
        <div className="flex items-end justify-end gap-2 sm:col-span-2">
          <div className="flex-1">
            <FormAlert message={result.serverError} />
          </div>
          <Button type="submit" disabled={isPending}>
            {isPending ? "Registering…" : "Register system"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
