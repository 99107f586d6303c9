// How failed sign-ins are throttled (pure). Each key (an account, a client address, a client
// address presenting bad API tokens) counts its failures; past a free allowance each further
// failure locks the key for twice as long as the last, up to 15 minutes. A quiet hour forgets.

export type ThrottleKind = "account" | "address" | "token-address";

/** Failures allowed before the first lock: an address serves many people, so it gets more. */
export const FREE_FAILURES: Record<ThrottleKind, number> = { account: 5, address: 20, "token-address": 20 };
export const FIRST_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;
export const FORGET_AFTER_SECONDS = 3_600;

/** Seconds the key is locked after its `failures`-th failure (0: not locked). */
export function lockSeconds(kind: ThrottleKind, failures: number): number {
  const over = failures - FREE_FAILURES[kind];
  if (over < 0) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** over);
}

/** The failure count after one more failure, forgetting a streak that went quiet. */
export function nextFailures(previous: { failures: number; lastFailureAt: Date } | null, now: Date): number {
  if (!previous || now.getTime() - previous.lastFailureAt.getTime() > FORGET_AFTER_SECONDS * 1000) return 1;
  return previous.failures + 1;
}

/** The error code the sign-in page gets when a sign-in is throttled. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
export const TOO_MANY_MESSAGE =
  "Too many failed sign-ins. Wait a few minutes and try again, or ask an admin to unlock the account.";
