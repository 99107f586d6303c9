// Sign-in throttling on the database (policy in throttle-policy.ts): checked before a password or
// an API token is looked at, counted on each failure, audited when a lock starts, reset for the
// account on success, and lifted by an admin (update-user.ts `unlock`).
import type { PrismaClient } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { ServiceError } from "../errors";
import { systemContext } from "../permissions";
import { lockSeconds, nextFailures, type ThrottleKind } from "./throttle-policy";

export class TooManyAttemptsError extends ServiceError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "too_many_requests",
      `Too many failed attempts. Try again in ${retryAfterSeconds < 90 ? `${retryAfterSeconds} s` : `${Math.ceil(retryAfterSeconds / 60)} min`}, or ask an admin to unlock the account.`,
    );
  }
}

export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value.toLowerCase()}`;

/** The client's address as the proxy in front reports it (first X-Forwarded-For hop, or
 * X-Real-IP); null without a proxy saying so (then only accounts are throttled). */
export function clientAddress(headers: { get(name: string): string | null } | Record<string, unknown>): string | null {
  const get = (n: string) =>
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(n)
      : ((headers as Record<string, unknown>)[n] as string | undefined);
  return (get("x-forwarded-for") ?? "").split(",")[0]!.trim() || get("x-real-ip")?.trim() || null;
}

/** Throws TooManyAttemptsError when any of the keys is locked now. */
export async function assertNotLocked(db: PrismaClient, keys: string[], now = new Date()): Promise<void> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  if (until > now.getTime()) throw new TooManyAttemptsError(Math.ceil((until - now.getTime()) / 1000));
}

/** Counts one failure on each key; locks (and audits) those past their allowance. */
export async function recordFailure(
  db: PrismaClient,
  keys: { kind: ThrottleKind; key: string }[],
  now = new Date(),
): Promise<void> {
  for (const { kind, key } of keys) {
    const previous = await db.signInThrottle.findUnique({ where: { key } });
    const failures = nextFailures(previous, now);
    const seconds = lockSeconds(kind, failures);
    const lockedUntil = seconds ? new Date(now.getTime() + seconds * 1000) : null;
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures, lastFailureAt: now, lockedUntil },
      update: { failures, lastFailureAt: now, lockedUntil },
    });
    if (seconds)
      await writeAuditEvent(db, systemContext("sign-in"), {
        action: "auth.throttled",
        entityType: "sign_in",
        entityId: key,
        meta: { failures, lockedSeconds: seconds },
      });
  }
}

/** A successful sign-in clears the account's streak (not the address's). */
export async function clearThrottle(db: PrismaClient, key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
