"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { createUserAction } from "@/lib/users/actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field, FormAlert, Input, Select } from "../ui/form";

export function NewUserForm() {
  const [values, setValues] = useState({ name: "", email: "", role: "viewer" as Role, password: "" });
  const { execute, result, isPending, reset } = useAction(createUserAction, {
    onSuccess: () => setValues({ name: "", email: "", role: "viewer", password: "" }),
  });
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  const err = (k: string) => errors?.[k]?._errors?.[0];
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    reset();
    setValues({ ...values, [k]: e.target.value });
  };
  return (
    <Card title="Add a user">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          execute(values);
        }}
      >
        <Field label="Name" htmlFor="nu-name" error={err("name")}>
          <Input
            id="nu-name"
            value={values.name}
            onChange={set("name")}
            aria-invalid={!!err("name")}
            aria-describedby="nu-name-error"
          />
        </Field>
        <Field label="Email" htmlFor="nu-email" error={err("email")}>
          <Input
            id="nu-email"
            type="email"
            value={values.email}
            onChange={set("email")}
            aria-invalid={!!err("email")}
            aria-describedby="nu-email-error"
          />
        </Field>
        <Field label="Role" htmlFor="nu-role">
          <Select id="nu-role" value={values.role} onChange={set("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Initial password"
          htmlFor="nu-password"
          error={err("password")}
          hint="At least 12 characters; share it privately."
        >
          <Input
            id="nu-password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={set("password")}
            aria-invalid={!!err("password")}
            aria-describedby="nu-password-error"
          />
        </Field>
        <FormAlert message={result.serverError} />
        {result.data && <p className="text-sm text-emerald-700">User added.</p>}
        <Button type="submit" disabled={isPending}>
          {isPending ? "Adding…" : "Add user"}
        </Button>
      </form>
    </Card>
  );
}
