import { describe, expect, it } from "vitest";
import { hashPassword, MAX_PASSWORD_BYTES, verifyPassword } from "./password";

describe("passwords", () => {
  it("verify against their bcrypt hash and nothing else", async () => {
    const hash = await hashPassword("switchyard-demo");
    expect(hash).toMatch(/^\$2[aby]\$11\$/);
    expect(await verifyPassword("switchyard-demo", hash)).toBe(true);
    expect(await verifyPassword("switchyard-demo ", hash)).toBe(false);
  });

  it("an unknown user (no hash) never verifies", async () => {
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", undefined)).toBe(false);
  });

  it("refuses passwords longer than bcrypt reads instead of truncating them", async () => {
    const long = "a".repeat(MAX_PASSWORD_BYTES);
    const hash = await hashPassword(long);
    expect(await verifyPassword(long, hash)).toBe(true);
    expect(await verifyPassword(`${long}b`, hash)).toBe(false);
  });
});
