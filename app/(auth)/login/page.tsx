import Image from "next/image";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/context";
import { oidcEnabled } from "@/lib/auth/oidc-provider";
import { LoginForm } from "@/components/auth/login-form";
import { TOO_MANY_ATTEMPTS, TOO_MANY_MESSAGE } from "@/lib/auth/throttle-policy";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await getSessionContext()) redirect("/rollouts");
  const { callbackUrl, error } = await searchParams;
  const safeCallback =
    callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/rollouts";
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-100 to-slate-200 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <Image src="/favicon.svg" alt="" width={36} height={36} className="h-9 w-9" unoptimized />
          <span className="text-2xl font-semibold tracking-tight text-slate-900">Switchyard</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold text-slate-900">Sign in</h1>
          <p className="mb-5 text-sm text-slate-600">
            Roll out model versions safely: canary, blue-green, shadow, A/B and more.
          </p>
          <LoginForm
            callbackUrl={safeCallback}
            oidc={oidcEnabled()}
            initialError={
              error === TOO_MANY_ATTEMPTS
                ? TOO_MANY_MESSAGE
                : error
                  ? "Sign-in failed. Check your email and password."
                  : undefined
            }
          />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">
          Stakeholders: the{" "}
          <Link className="underline" href="/status">
            public status page
          </Link>{" "}
          needs no account.
        </p>
      </div>
    </main>
  );
}
