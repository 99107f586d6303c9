"use client";
import { useState, useSyncExternalStore } from "react";
import { signIn } from "next-auth/react";
import { TOO_MANY_ATTEMPTS, TOO_MANY_MESSAGE } from "@/lib/auth/throttle-policy";
import { Button } from "../ui/button";
import { Field, FormAlert, Input } from "../ui/form";

const noSubscription = () => () => {};

export function LoginForm({
  callbackUrl,
  oidc,
  initialError,
}: {
  callbackUrl: string;
  oidc: boolean;
  initialError?: string;
}) {
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  // Until hydrated, the form must not submit natively (that would put the password in the URL).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    if (result?.error === TOO_MANY_ATTEMPTS || result?.status === 429) {
      setError(TOO_MANY_MESSAGE);
      return;
    }
    // One message whichever part was wrong: never reveal whether the account exists.
    setError("Sign-in failed. Check your email and password.");
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
      </Field>
      <FormAlert message={error} />
      <Button type="submit" className="w-full" disabled={pending || !hydrated}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {oidc && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Sign in with single sign-on
        </Button>
      )}
    </form>
  );
}
