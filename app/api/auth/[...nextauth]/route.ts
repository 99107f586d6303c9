// GET/POST /api/auth/* – next-auth (email and password, optional OIDC). A password sign-in from a
// locked account or client address answers 429 with Retry-After before next-auth runs
// (lib/auth/throttle.ts); the sign-in page reads the error code from the body's url.
import NextAuth from "next-auth";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { assertNotLocked, clientAddress, throttleKey, TooManyAttemptsError } from "@/lib/auth/throttle";
import { TOO_MANY_ATTEMPTS } from "@/lib/auth/throttle-policy";

const handler = NextAuth(authOptions);

async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "").trim();
    const address = clientAddress(request.headers);
    const keys = [address && throttleKey("address", address), email && throttleKey("account", email)].filter(
      (k): k is string => !!k,
    );
    try {
      await assertNotLocked(db, keys);
    } catch (error) {
      if (!(error instanceof TooManyAttemptsError)) throw error;
      const url = new URL(`/login?error=${TOO_MANY_ATTEMPTS}`, request.url).toString();
      return Response.json(
        { url, detail: error.message },
        { status: 429, headers: { "retry-after": String(error.retryAfterSeconds) } },
      );
    }
  }
  return handler(request, context);
}

export { handler as GET, POST };
