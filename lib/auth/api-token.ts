// API tokens: "sy_<prefix>_<secret>". Only sha256(token) is stored; the token is shown once.
import crypto from "node:crypto";

export interface NewToken {
  token: string;
  prefix: string;
  hash: string;
}

export function generateApiToken(): NewToken {
  const prefix = crypto.randomBytes(4).toString("hex");
  const secret = crypto.randomBytes(24).toString("base64url");
  const token = `sy_${prefix}_${secret}`;
  return { token, prefix, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return /^sy_[0-9a-f]{8}_[A-Za-z0-9_-]{20,64}$/.test(value);
}
