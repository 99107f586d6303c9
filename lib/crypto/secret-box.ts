// Encryption at rest for router and notification secrets: AES-256-GCM with the key from
// SWITCHYARD_SECRET_KEY (base64 of 32 random bytes; the start command generates one into
// .data/secrets.json). No "server-only": the controller process decrypts router secrets too.
//
// Format: `v1:<iv>:<tag>:<data>`, each part base64url. The version prefix is also the GCM
// additional data, so a box can't be relabelled as another format without failing the tag check.
import crypto from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A key that is missing or malformed, or a box that is malformed, tampered with or sealed with another key. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/** Decodes a base64 (or base64url) key and insists on exactly 32 bytes. */
export function parseSecretKey(encoded: string): Buffer {
  const key = Buffer.from(encoded.trim(), "base64");
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`SWITCHYARD_SECRET_KEY must be base64 of ${KEY_BYTES} bytes (got ${key.length}).`);
  return key;
}

/** The key from SWITCHYARD_SECRET_KEY; throws SecretBoxError naming the variable when it is unset. */
export function secretKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const value = env.SWITCHYARD_SECRET_KEY;
  if (!value) throw new SecretBoxError("SWITCHYARD_SECRET_KEY is not set: secrets can't be encrypted or decrypted.");
  return parseSecretKey(value);
}

/** Seals `plaintext` with a fresh random IV. Two seals of the same text differ. */
export function encryptSecret(plaintext: string, key: Buffer = secretKeyFromEnv()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", checkKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
}

/** Opens a box sealed by encryptSecret; any change to it, or another key, throws SecretBoxError. */
export function decryptSecret(box: string, key: Buffer = secretKeyFromEnv()): string {
  const parts = box.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError(`Not a ${VERSION} secret box.`);
  const [, iv, tag, data] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("Malformed secret box.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", checkKey(key), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("Secret can't be decrypted: it was sealed with another SWITCHYARD_SECRET_KEY or has been altered.");
  }
}

/** True when `value` looks like a box (for migrations and "secret set" displays), without opening it. */
export function isSecretBox(value: string | null | undefined): boolean {
  return typeof value === "string" && /^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$/.test(value);
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`Secret key must be ${KEY_BYTES} bytes.`);
  return key;
}
