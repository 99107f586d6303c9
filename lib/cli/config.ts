// Where `switchyard login` keeps the server and token: $SWITCHYARD_CONFIG_DIR, else
// $XDG_CONFIG_HOME/switchyard, else ~/.config/switchyard; credentials.json with mode 0600 in a
// 0700 directory. SWITCHYARD_SERVER / SWITCHYARD_TOKEN (or --server / --token) override it, so a
// pipeline needs no file at all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

type Env = Record<string, string | undefined>;

export interface Credentials {
  server: string;
  token: string;
  user?: { name: string; email?: string; role: string };
  tokenId?: string;
  expiresAt?: string | null;
}

export function configDir(env: Env = process.env): string {
  if (env.SWITCHYARD_CONFIG_DIR) return env.SWITCHYARD_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "switchyard");
}

export function credentialsFile(env: Env = process.env): string {
  return path.join(configDir(env), "credentials.json");
}

export function readCredentials(env: Env = process.env): Credentials | null {
  try {
    return JSON.parse(fs.readFileSync(credentialsFile(env), "utf8")) as Credentials;
  } catch {
    return null;
  }
}

/** Writes the token so only its owner can read it: the file is created 0600 (and chmod-ed if it existed). */
export function writeCredentials(credentials: Credentials, env: Env = process.env): string {
  const file = credentialsFile(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

export function deleteCredentials(env: Env = process.env): boolean {
  try {
    fs.unlinkSync(credentialsFile(env));
    return true;
  } catch {
    return false;
  }
}

export interface Connection {
  server: string;
  token: string | null;
}

/** Flags beat the environment, which beats the stored login. */
export function resolveConnection(flags: { server?: string; token?: string }, env: Env = process.env): Connection {
  const stored = readCredentials(env);
  const server = flags.server ?? env.SWITCHYARD_SERVER ?? stored?.server ?? "http://localhost:3000";
  const token =
    flags.token ?? env.SWITCHYARD_TOKEN ?? (stored && sameServer(stored.server, server) ? stored.token : null);
  return { server: server.replace(/\/+$/, ""), token };
}

function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}
