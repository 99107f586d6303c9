// Encryption at rest for router and notification secrets: AES-256-GCM with the key from
// SWITCHYARD_SECRET_KEY (base64 of 32 random bytes; the start command generates one into
// .data/secrets.json). No "server-only": the controller process decrypts router secrets too.
//
// Rotation: put the new key in SWITCHYARD_SECRET_KEY and the old one(s) in
// SWITCHYARD_SECRET_KEY_PREVIOUS (comma-separated). New secrets are sealed with the new key;
// stored ones still open with an old key until `npm run secrets:rotate` re-seals them.
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
  if (key.length !== KEY_BYTES)
    throw new SecretBoxError(`SWITCHYARD_SECRET_KEY must be base64 of ${KEY_BYTES} bytes (got ${key.length}).`);
  return key;
}

/** The key from SWITCHYARD_SECRET_KEY; throws SecretBoxError naming the variable when it is unset. */
export function secretKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const value = env.SWITCHYARD_SECRET_KEY;
  if (!value) throw new SecretBoxError("SWITCHYARD_SECRET_KEY is not set: secrets can't be encrypted or decrypted.");
  return parseSecretKey(value);
}

/** Keys that may open a box: the current key first, then SWITCHYARD_SECRET_KEY_PREVIOUS in order. */
export function secretKeysFromEnv(env: Record<string, string | undefined> = process.env): Buffer[] {
  const previous = (env.SWITCHYARD_SECRET_KEY_PREVIOUS ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((k, i) => {
      try {
        return parseSecretKey(k);
      } catch (e) {
        throw new SecretBoxError(
          `SWITCHYARD_SECRET_KEY_PREVIOUS, key ${i + 1}: ${(e as Error).message.replace(/^SWITCHYARD_SECRET_KEY /, "")}`,
        );
      }
    });
  return [secretKeyFromEnv(env), ...previous];
}

/** Seals `plaintext` with a fresh random IV. Two seals of the same text differ. */
export function encryptSecret(plaintext: string, key: Buffer = secretKeyFromEnv()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", checkKey(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(":");
}

/** Opens a box sealed by encryptSecret with any of `keys` (default: current, then previous ones);
 * any change to it, or no matching key, throws SecretBoxError. */
export function decryptSecret(box: string, keys: Buffer | readonly Buffer[] = secretKeysFromEnv()): string {
  return openSecret(box, keys).plaintext;
}

/** Like decryptSecret, also saying which of `keys` opened the box (0 = the current key). */
export function openSecret(
  box: string,
  keys: Buffer | readonly Buffer[] = secretKeysFromEnv(),
): { plaintext: string; keyIndex: number } {
  const parts = box.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError(`Not a ${VERSION} secret box.`);
  const [, iv, tag, data] = parts.map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("Malformed secret box.");
  const list = Buffer.isBuffer(keys) ? [keys] : keys;
  for (let i = 0; i < list.length; i++) {
    const decipher = crypto.createDecipheriv("aes-256-gcm", checkKey(list[i]), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    try {
      return { plaintext: Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8"), keyIndex: i };
    } catch {
      // Not this key (or altered): try the next one.
    }
  }
  throw new SecretBoxError(
    "Secret can't be decrypted: it was sealed with another SWITCHYARD_SECRET_KEY or has been altered.",
  );
}

/** True when `value` looks like a box (for migrations and "secret set" displays), without opening it. */
export function isSecretBox(value: string | null | undefined): boolean {
  return typeof value === "string" && /^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$/.test(value);
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`Secret key must be ${KEY_BYTES} bytes.`);
  return key;
}
