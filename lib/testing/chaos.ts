// Helpers for chaos tests (`*.chaos.test.ts`, `npm run chaos`): real processes started, signalled
// (SIGTERM, SIGKILL, SIGSTOP/SIGCONT) and restarted mid-work, and checks that nothing is left
// behind (no process, no listening port). Each process runs on free loopback ports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { freePort } from "./free-port";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Polls `probe` until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ChaosProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** stdout and stderr lines so far (for failure messages). */
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a process with piped output kept in `logs` (last 500 lines). */
export function spawnProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): ChaosProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  const keep = (d: Buffer) => {
    for (const line of d.toString().split("\n")) if (line.trim()) logs.push(line);
    if (logs.length > 500) logs.splice(0, logs.length - 500);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    pid: child.pid!,
    logs,
    exited,
    alive,
    signal: (sig) => {
      if (alive()) child.kill(sig);
    },
    async stop(graceMs = 10_000) {
      if (!alive()) return;
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      const t = setTimeout(() => alive() && child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/** A TypeScript entry point run the way `npm start` runs services (tsx, react-server condition). */
export function spawnTsx(
  name: string,
  script: string,
  env: Record<string, string | undefined> = {},
  args: string[] = [],
): ChaosProcess {
  return spawnProcess(
    name,
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, script), ...args],
    env,
  );
}

/** Builds the web app once if there is no build (npm test builds before its chaos stage). */
export function ensureWebBuild(): void {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

export interface WebProcess extends ChaosProcess {
  url: string;
  port: number;
}

/** The built web app (`next start`) on a free port against `databaseUrl`; waits until it answers. */
export async function startWeb(opts: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<WebProcess> {
  ensureWebBuild();
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const p = spawnProcess(
    "web",
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      DATABASE_URL: opts.databaseUrl,
      NEXTAUTH_SECRET: "chaos-test-secret",
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...opts.env,
    },
  );
  await until(
    `web on ${url}`,
    async () => {
      if (!p.alive()) throw new Error(`web exited: ${p.logs.join("\n")}`);
      return fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status > 0,
        () => false,
      );
    },
    60_000,
    200,
  );
  return { ...p, url, port };
}

export interface PrivatePostgres {
  port: number;
  /** URL of its `switchyard` database. */
  url: string;
  /** Stops it (the fault), keeping its data. */
  stop(): Promise<void>;
  /** Brings it back on the same port with the same data after `stop()`. */
  start(): Promise<void>;
  /** Stops it and deletes its data (end of the test). */
  destroy(): Promise<void>;
}

/** An embedded PostgreSQL of the test's own, for faults that take the database away (the shared
 * one of the run must stay up for the other test files). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-chaos-pg-"));
  let running: EmbeddedDatabase | null = await startEmbeddedPostgres({ dir, port });
  const url = running.url;
  return {
    port,
    url,
    async start() {
      if (!running) running = await startEmbeddedPostgres({ dir, port });
    },
    async stop() {
      await running?.stop();
      running = null;
    },
    async destroy() {
      await running?.stop();
      running = null;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every descendant of `pid` (children, grandchildren...), from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped by its parent) holds no port and runs nothing.
    return !/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Ports among `ports` that something on this machine still listens on (TCP, IPv4 or IPv6). */
export function listeningPorts(ports: number[]): number[] {
  const wanted = new Set(ports);
  const found = new Set<number>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== "0A") continue; // 0A = LISTEN
      const port = parseInt(cols[1].split(":")[1], 16);
      if (wanted.has(port)) found.add(port);
    }
  }
  return [...found];
}
