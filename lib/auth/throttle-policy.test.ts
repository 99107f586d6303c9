import { describe, expect, it } from "vitest";
import { FREE_FAILURES, lockSeconds, MAX_LOCK_SECONDS, nextFailures } from "./throttle-policy";

describe("sign-in throttling", () => {
  it("allows a few failures, then locks for a growing time, at most 15 minutes", () => {
    expect(lockSeconds("account", FREE_FAILURES.account - 1)).toBe(0);
    expect(lockSeconds("account", 5)).toBe(30);
    expect(lockSeconds("account", 6)).toBe(60);
    expect(lockSeconds("account", 7)).toBe(120);
    expect(lockSeconds("account", 40)).toBe(MAX_LOCK_SECONDS);
    // An address serves many people: it gets more failures before its first lock.
    expect(lockSeconds("address", 19)).toBe(0);
    expect(lockSeconds("address", 20)).toBe(30);
  });

  it("forgets a streak after a quiet hour", () => {
    const now = new Date("2026-12-04T01:00:00Z");
    expect(nextFailures(null, now)).toBe(1);
    expect(nextFailures({ failures: 4, lastFailureAt: new Date(now.getTime() - 60_000) }, now)).toBe(5);
    expect(nextFailures({ failures: 4, lastFailureAt: new Date(now.getTime() - 2 * 3_600_000) }, now)).toBe(1);
  });
});
