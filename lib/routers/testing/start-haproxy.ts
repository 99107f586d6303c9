// A real HAProxy (the Debian binary) in the foreground on random loopback ports, with a temp dir
// holding its haproxy.cfg; the backend is the one renderHaproxyBackend documents.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderHaproxyBackend, renderHaproxyGlobals } from "../haproxy-config";
import type { RoutingConfig } from "../types";
import { freePort, waitForPort } from "./free-port";
import { startProcess, type ManagedProcess } from "./managed-process";

export interface HaproxyInstance {
  dir: string;
  /** http://127.0.0.1:<port> of the frontend */
  url: string;
  /** tcp://127.0.0.1:<port> of the admin-level Runtime API */
  runtimeEndpoint: string;
  /** unix:<dir>/admin.sock, the same API on a unix socket */
  runtimeSocket: string;
  backend: string;
  /** variant key → server name (same as the key) */
  servers: Record<string, string>;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startHaproxy(
  initial: RoutingConfig,
  {
    binary = process.env.HAPROXY_BIN ?? "/usr/sbin/haproxy",
    backend = "be_models",
  }: { binary?: string; backend?: string } = {},
): Promise<HaproxyInstance> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "switchyard-haproxy-"));
  const [httpPort, runtimePort] = [await freePort(), await freePort()];
  const servers = Object.fromEntries(initial.variants.map((v) => [v.key, v.key]));
  const cfg = [
    "global",
    `  stats socket ipv4@127.0.0.1:${runtimePort} level admin`,
    `  stats socket ${path.join(dir, "admin.sock")} mode 600 level admin`,
    "  nbthread 1",
    renderHaproxyGlobals(backend),
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 10s",
    "  timeout server 10s",
    "  timeout http-keep-alive 5s",
    "frontend fe_models",
    `  bind 127.0.0.1:${httpPort}`,
    `  default_backend ${backend}`,
    renderHaproxyBackend(initial, { backend, servers }),
  ].join("\n");
  const cfgPath = path.join(dir, "haproxy.cfg");
  await writeFile(cfgPath, cfg);
  const proc = startProcess(binary, ["-db", "-f", cfgPath], { cwd: dir });
  try {
    await Promise.race([
      waitForPort(runtimePort).then(() => waitForPort(httpPort)),
      new Promise((_, reject) =>
        proc.child.once("exit", (code) => reject(new Error(`haproxy exited (${code}): ${proc.output()}`))),
      ),
    ]);
  } catch (err) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    url: `http://127.0.0.1:${httpPort}`,
    runtimeEndpoint: `tcp://127.0.0.1:${runtimePort}`,
    runtimeSocket: `unix:${path.join(dir, "admin.sock")}`,
    backend,
    servers,
    process: proc,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
