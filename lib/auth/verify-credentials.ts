import "server-only";
import { z } from "zod";
import { db } from "../db";
import { verifyPassword } from "./password";
import { assertNotLocked, clearThrottle, recordFailure, throttleKey } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

/**
 * Email and password → the active user, or null. The one check behind both the browser sign-in
 * and `switchyard login`, so every rule about passwords and throttling applies to both: a locked
 * account or client address throws TooManyAttemptsError before the password is looked at, and
 * each failure counts against both (lib/auth/throttle.ts).
 */
export async function verifyCredentials(raw: unknown, { address }: { address: string | null }) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const account = throttleKey("account", parsed.data.email);
  const from = address ? throttleKey("address", address) : null;
  await assertNotLocked(db, from ? [account, from] : [account]);
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    await recordFailure(db, [
      { kind: "account", key: account },
      ...(from ? [{ kind: "address" as const, key: from }] : []),
    ]);
    return null;
  }
  await clearThrottle(db, account);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return user;
}
