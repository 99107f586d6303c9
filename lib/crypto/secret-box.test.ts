import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isSecretBox,
  openSecret,
  parseSecretKey,
  secretKeyFromEnv,
  secretKeysFromEnv,
  SecretBoxError,
} from "./secret-box";

const key = crypto.randomBytes(32);
const otherKey = crypto.randomBytes(32);

describe("secret box", () => {
  it("round-trips text, including unicode, empty and long values", () => {
    for (const secret of [
      "router-token-123",
      "",
      "pässwörd ✓ 🔑",
      "x".repeat(10_000),
      "apiVersion: v1\nkind: Config\n",
    ]) {
      expect(decryptSecret(encryptSecret(secret, key), key)).toBe(secret);
    }
  });

  it("writes v1:<iv>:<tag>:<data> in base64url with a fresh IV each time", () => {
    const a = encryptSecret("same", key);
    const b = encryptSecret("same", key);
    expect(a).not.toBe(b);
    const [version, iv, tag, data] = a.split(":");
    expect(version).toBe("v1");
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(Buffer.from(data!, "base64url")).toHaveLength(4);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(isSecretBox(a)).toBe(true);
    expect(a).not.toContain("same");
  });

  it("detects tampering with the data, the IV, the tag or the version", () => {
    const box = encryptSecret("router-token-123", key);
    const [v, iv, tag, data] = box.split(":") as [string, string, string, string];
    const flip = (part: string) => {
      const b = Buffer.from(part, "base64url");
      b[0] ^= 0x01;
      return b.toString("base64url");
    };
    for (const tampered of [
      `${v}:${iv}:${tag}:${flip(data)}`,
      `${v}:${flip(iv)}:${tag}:${data}`,
      `${v}:${iv}:${flip(tag)}:${data}`,
    ]) {
      expect(() => decryptSecret(tampered, key)).toThrow(/altered/);
    }
    expect(() => decryptSecret(`v2:${iv}:${tag}:${data}`, key)).toThrow(SecretBoxError);
    expect(() => decryptSecret(`${v}:${iv}:${tag}`, key)).toThrow(/Not a v1 secret box/);
    expect(() => decryptSecret(`${v}:${iv.slice(2)}:${tag}:${data}`, key)).toThrow(/Malformed/);
    expect(() => decryptSecret("plain-text-token", key)).toThrow(SecretBoxError);
  });

  it("refuses to open a box with another key", () => {
    const box = encryptSecret("router-token-123", key);
    expect(() => decryptSecret(box, otherKey)).toThrow(/another SWITCHYARD_SECRET_KEY/);
  });

  it("reads a 32-byte base64 key from SWITCHYARD_SECRET_KEY and refuses anything else", () => {
    const encoded = key.toString("base64");
    expect(secretKeyFromEnv({ SWITCHYARD_SECRET_KEY: encoded }).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64url")).equals(key)).toBe(true);
    expect(() => secretKeyFromEnv({})).toThrow(/SWITCHYARD_SECRET_KEY is not set/);
    expect(() => parseSecretKey(crypto.randomBytes(16).toString("base64"))).toThrow(/32 bytes \(got 16\)/);
    expect(() => encryptSecret("x", crypto.randomBytes(31))).toThrow(SecretBoxError);
  });

  it("uses the environment key by default", () => {
    const previous = process.env.SWITCHYARD_SECRET_KEY;
    process.env.SWITCHYARD_SECRET_KEY = key.toString("base64");
    try {
      expect(decryptSecret(encryptSecret("from env"), key)).toBe("from env");
    } finally {
      if (previous === undefined) delete process.env.SWITCHYARD_SECRET_KEY;
      else process.env.SWITCHYARD_SECRET_KEY = previous;
    }
  });
});

describe("secret key rotation", () => {
  const current = crypto.randomBytes(32);
  const previous = crypto.randomBytes(32);
  const env = {
    SWITCHYARD_SECRET_KEY: current.toString("base64"),
    SWITCHYARD_SECRET_KEY_PREVIOUS: ` ${previous.toString("base64")}, ${otherKey.toString("base64")} `,
  };

  it("reads the current key first, then the previous ones in order", () => {
    expect(secretKeysFromEnv(env)).toEqual([current, previous, otherKey]);
    expect(secretKeysFromEnv({ SWITCHYARD_SECRET_KEY: current.toString("base64") })).toEqual([current]);
  });

  it("names the previous key that is malformed", () => {
    expect(() =>
      secretKeysFromEnv({ ...env, SWITCHYARD_SECRET_KEY_PREVIOUS: `${previous.toString("base64")},c2hvcnQ=` }),
    ).toThrow(/SWITCHYARD_SECRET_KEY_PREVIOUS, key 2: must be base64 of 32 bytes/);
  });

  it("opens boxes sealed with a previous key and says which key opened them", () => {
    const keys = secretKeysFromEnv(env);
    expect(openSecret(encryptSecret("new", current), keys)).toEqual({ plaintext: "new", keyIndex: 0 });
    expect(openSecret(encryptSecret("old", previous), keys)).toEqual({ plaintext: "old", keyIndex: 1 });
    expect(decryptSecret(encryptSecret("older", otherKey), keys)).toBe("older");
    expect(() => decryptSecret(encryptSecret("lost", crypto.randomBytes(32)), keys)).toThrow(SecretBoxError);
  });
});
