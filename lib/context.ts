import "server-only";
import crypto from "node:crypto";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { db } from "./db";
import { authOptions } from "./auth/options";
import { hashApiToken, looksLikeApiToken } from "./auth/api-token";
import { tokenActor } from "./auth/token-actor";
import { UnauthorizedError } from "./errors";
import type { Role, ServiceContext } from "./permissions";

/** The signed-in person, re-read from the database on every request (role changes and
 * disabled accounts take effect at once). Null when nobody is signed in. */
export async function getSessionContext(): Promise<ServiceContext | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  if (!user || user.disabled) return null;
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
    if (scheme?.toLowerCase() !== "bearer" || !value || !looksLikeApiToken(value))
      throw new UnauthorizedError("Invalid or revoked API token.");
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
    if (!token || !actor) throw new UnauthorizedError("Invalid or revoked API token.");
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { actor, requestId };
  }
  const ctx = await getSessionContext();
  if (!ctx) throw new UnauthorizedError();
  return { ...ctx, requestId };
}
