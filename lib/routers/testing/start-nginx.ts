// A real NGINX (the Debian binary) in the foreground (daemon off, master + 1 worker) on a random
// loopback port, with a temp prefix dir holding nginx.conf, the Switchyard-owned include and the
// pid file. `settings` is what an nginx RouterTarget needs to drive it.
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { NginxHostConfig, NginxSettings } from "../nginx";
import { renderNginxConfig, renderNginxLocations } from "../nginx-render";
import type { RoutingConfig } from "../types";
import { freePort, waitForPort } from "./free-port";
import { startProcess, type ManagedProcess } from "./managed-process";

export interface NginxInstance {
  dir: string;
  /** http://127.0.0.1:<port> */
  url: string;
  settings: NginxSettings;
  /** The controller-side configuration for this nginx (its binary). */
  host: NginxHostConfig;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startNginx(
  initial: RoutingConfig,
  {
    binary = process.env.NGINX_BIN ?? "/usr/sbin/nginx",
    upstreamName = "switchyard",
  }: { binary?: string; upstreamName?: string } = {},
): Promise<NginxInstance> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "switchyard-nginx-"));
  // Workers drop to an unprivileged user when nginx runs as root: let them use the temp dirs.
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, "temp"), { mode: 0o777 });
  await chmod(path.join(dir, "temp"), 0o777);
  const port = await freePort();
  const configPath = path.join(dir, "switchyard.conf");
  const mainConfigPath = path.join(dir, "nginx.conf");
  const pidFile = path.join(dir, "nginx.pid");
  const temp = (name: string) => path.join(dir, "temp", name);
  const main = [
    "daemon off;",
    "master_process on;",
    "worker_processes 1;",
    `pid ${pidFile};`,
    "error_log stderr warn;",
    "events { worker_connections 1024; }",
    "http {",
    "  access_log off;",
    `  client_body_temp_path ${temp("body")};`,
    `  proxy_temp_path ${temp("proxy")};`,
    `  fastcgi_temp_path ${temp("fastcgi")};`,
    `  uwsgi_temp_path ${temp("uwsgi")};`,
    `  scgi_temp_path ${temp("scgi")};`,
    "  keepalive_timeout 5s;",
    `  include ${configPath};`,
    "  server {",
    `    listen 127.0.0.1:${port};`,
    renderNginxLocations({ upstreamName }).replace(/^/gm, "    "),
    "  }",
    "}",
    "",
  ].join("\n");
  await writeFile(configPath, renderNginxConfig(initial, { upstreamName }));
  await writeFile(mainConfigPath, main);
  const proc = startProcess(binary, ["-p", dir, "-c", mainConfigPath, "-e", "stderr"], { cwd: dir });
  try {
    await Promise.race([
      waitForPort(port),
      new Promise((_, reject) =>
        proc.child.once("exit", (code) => reject(new Error(`nginx exited (${code}): ${proc.output()}`))),
      ),
    ]);
  } catch (err) {
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    dir,
    url,
    settings: {
      configPath,
      mainConfigPath,
      upstreamName,
      statusUrl: `${url}/__switchyard/config`,
      pidFile,
      prefix: dir,
    },
    host: { binary },
    process: proc,
    async stop() {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
