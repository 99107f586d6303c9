import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token";

describe("API tokens", () => {
  it("are sy_<8 hex>_<secret>, with only their sha256 kept", () => {
    const { token, prefix, hash } = generateApiToken();
    expect(token).toMatch(/^sy_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/);
    expect(token.startsWith(`sy_${prefix}_`)).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiToken(token));
    expect(hash).not.toContain(token.slice(12));
  });

  it("are different every time", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(a.hash).not.toBe(b.hash);
  });

  it("recognises the token shape before any database lookup", () => {
    expect(looksLikeApiToken(generateApiToken().token)).toBe(true);
    expect(looksLikeApiToken("sy_de30de30_demo-pipeline-token-not-for-production")).toBe(true);
    for (const bad of [
      "",
      "sy_short",
      "Bearer sy_de30de30_x",
      "sy_XYZ12345_abcdefghijklmnopqrstu",
      "sy_de30de30_has space in it!!",
    ])
      expect(looksLikeApiToken(bad)).toBe(false);
  });
});
