import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type { RoutingConfig } from "@/lib/routers/types";

// Starts the real router and demo model servers as child processes on free loopback ports, for
// integration tests and the benchmark. Each process prints a JSON "listening" line with its ports.

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface Child {
  proc: ChildProcess;
  info: Record<string, unknown>;
  logs: string[];
  /** SIGTERM, then SIGKILL after 5 s; resolves on exit. */
  stop(): Promise<void>;
}

export async function spawnTs(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
  /** Pin the process (all its threads) to these CPUs with taskset, e.g. "1". */
  cpus?: string,
): Promise<Child> {
  const command = [process.execPath, ...nodeArgs, "--import", "tsx", path.join(ROOT, script), ...args];
  if (cpus) command.unshift("taskset", "-c", cpus);
  const proc = spawn(command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.stderr!.on("data", (d: Buffer) => logs.push(d.toString()));
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${logs.join("")}`)), 20_000);
    rl.on("line", (line) => {
      logs.push(line);
      try {
        const j = JSON.parse(line) as Record<string, unknown>;
        if (j.msg === "listening") {
          clearTimeout(timer);
          resolve(j);
        }
      } catch {
        // not JSON: keep as a log line
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${logs.join("\n")}`));
    });
  });
  return {
    proc,
    info,
    logs,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export interface RouterProcess extends Child {
  url: string;
  adminUrl: string;
  token: string;
  dataDir: string;
}

export async function startRouter(
  opts: { dataDir?: string; env?: Record<string, string>; token?: string; nodeArgs?: string[]; cpus?: string } = {},
): Promise<RouterProcess> {
  const token = opts.token ?? "test-router-token";
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), "switchyard-router-")));
  const child = await spawnTs(
    "lib/dataplane/main.ts",
    [],
    {
      ROUTER_PORT: "0",
      ROUTER_ADMIN_PORT: "0",
      ROUTER_DATA_DIR: dataDir,
      SWITCHYARD_ROUTER_TOKEN: token,
      ROUTER_ID: "test-router",
      ...opts.env,
    },
    opts.nodeArgs,
    opts.cpus,
  );
  return {
    ...child,
    token,
    dataDir,
    url: `http://127.0.0.1:${child.info.port}`,
    adminUrl: `http://127.0.0.1:${child.info.adminPort}`,
  };
}

export interface ModelServerProcess extends Child {
  url: string;
}

export async function startModelServer(args: string[] = []): Promise<ModelServerProcess> {
  const child = await spawnTs("lib/demo/model-server.ts", ["--port=0", ...args], {});
  return { ...child, url: `http://127.0.0.1:${child.info.port}` };
}

export async function putConfig(
  router: { adminUrl: string; token: string },
  config: RoutingConfig,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${router.adminUrl}/config`, {
    method: "PUT",
    headers: { authorization: `Bearer ${router.token}`, "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A loopback port that was free a moment ago (for "target down" tests and bench processes). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
