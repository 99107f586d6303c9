import "server-only";
import crypto from "node:crypto";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { db } from "./db";
import { authOptions } from "./auth/options";
import { hashApiToken, looksLikeApiToken } from "./auth/api-token";
import { tokenActor } from "./auth/token-actor";
import { sessionUser } from "./auth/sessions";
import { assertNotLocked, clientAddress, recordFailure, throttleKey } from "./auth/throttle";
import { UnauthorizedError } from "./errors";
import type { Role, ServiceContext } from "./permissions";

/** The signed-in person, re-read from the database on every request with their session's row
 * (lib/auth/sessions.ts): an ended session, a disabled account or a changed role takes effect at
 * once. Null when nobody is signed in. */
export async function getSessionContext(): Promise<ServiceContext | null> {
  const session = await getServerSession(authOptions);
  const { id, sid } = (session?.user ?? {}) as { id?: string; sid?: string };
  if (!id || !sid) return null;
  // The session's row must still be open: sign-out, disabling and a role change end it at once.
  const user = await sessionUser(db, sid);
  if (!user || user.id !== id) return null;
  return {
    actor: { type: "user", id: user.id, role: user.role as Role, label: `${user.name} <${user.email}>` },
    requestId: (await headers()).get("x-request-id") ?? crypto.randomUUID(),
  };
}

export async function requireSessionContext(): Promise<ServiceContext> {
  const ctx = await getSessionContext();
  if (!ctx) throw new UnauthorizedError("Your session has expired. Sign in again.");
  return ctx;
}

/** Bearer API token (pipelines) or, failing that, the browser session. */
export async function getApiContext(request: Request): Promise<ServiceContext> {
  const auth = request.headers.get("authorization");
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  if (auth) {
    const [scheme, value] = auth.split(" ");
    // A client address presenting bad tokens is throttled like failed sign-ins (lib/auth/throttle.ts).
    const address = clientAddress(request.headers);
    const from = address ? throttleKey("token-address", address) : null;
    if (from) await assertNotLocked(db, [from]);
    const refuse = async () => {
      if (from) await recordFailure(db, [{ kind: "token-address", key: from }]);
      return new UnauthorizedError("Invalid or revoked API token.");
    };
    if (scheme?.toLowerCase() !== "bearer" || !value || !looksLikeApiToken(value)) throw await refuse();
    const token = await db.apiToken.findUnique({
      where: { tokenHash: hashApiToken(value) },
      include: { createdBy: { select: { role: true, disabled: true } } },
    });
    const now = new Date();
    const actor = tokenActor(
      token && {
        ...token,
        role: token.role as Role,
        createdBy: { ...token.createdBy, role: token.createdBy.role as Role },
      },
      now,
    );
    if (!token || !actor) throw await refuse();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { actor, requestId };
  }
  const ctx = await getSessionContext();
  if (!ctx) throw new UnauthorizedError();
  return { ...ctx, requestId };
}
