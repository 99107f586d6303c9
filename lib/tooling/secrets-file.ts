// <data>/secrets.json: the secrets `npm start` generates on first start and reuses after.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface Secrets {
  authSecret: string;
  secretKey: string;
  routerToken: string;
  previousSecretKeys?: string[];
}

/** Generated secrets in <data>/secrets.json. To rotate the secret key, set `secretKey` there (or
 * SWITCHYARD_SECRET_KEY) to a new key and list the old one in `previousSecretKeys` (or
 * SWITCHYARD_SECRET_KEY_PREVIOUS), restart, then run `npm run secrets:rotate`. */
export function loadOrCreateSecrets(dir: string): Secrets & { previousSecretKeys: string[] } {
  const file = path.join(dir, "secrets.json");
  const env = process.env;
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Secrets;
    const previous = env.SWITCHYARD_SECRET_KEY_PREVIOUS
      ? env.SWITCHYARD_SECRET_KEY_PREVIOUS.split(/[\s,]+/).filter(Boolean)
      : (stored.previousSecretKeys ?? []);
    return { ...stored, secretKey: env.SWITCHYARD_SECRET_KEY ?? stored.secretKey, previousSecretKeys: previous };
  }
  const secrets = {
    authSecret: env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
    secretKey: env.SWITCHYARD_SECRET_KEY ?? crypto.randomBytes(32).toString("base64"),
    routerToken: env.SWITCHYARD_ROUTER_TOKEN ?? crypto.randomBytes(24).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { ...secrets, previousSecretKeys: [] as string[] };
}
