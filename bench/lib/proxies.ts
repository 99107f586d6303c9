import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { freePort } from "@/lib/dataplane/testing/processes";

// Foreground HAProxy and NGINX processes on loopback ports, with minimal configs written into a
// temp dir, for side-by-side benchmarks against the built-in router.

export const UPSTREAM_BODY = '{"label":"billing","score":0.9,"model_version":"v1"}';

export interface Proc {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** NGINX answering a fixed JSON body at once: an upstream fast enough not to be the bottleneck. */
export async function startNginxUpstream(dir: string, cpus?: string): Promise<Proc> {
  const port = await freePort();
  const conf = nginxMain(
    dir,
    `
    server {
      listen 127.0.0.1:${port} reuseport;
      keepalive_requests 1000000;
      location / { default_type application/json; return 200 '${UPSTREAM_BODY}'; }
    }`,
  );
  return startNginx(dir, "upstream", conf, port, cpus);
}

/** NGINX as a reverse proxy with an upstream keep-alive pool. */
export async function startNginxProxy(dir: string, upstreamPort: number, cpus?: string): Promise<Proc> {
  const port = await freePort();
  const conf = nginxMain(
    dir,
    `
    upstream model { server 127.0.0.1:${upstreamPort}; keepalive 128; }
    server {
      listen 127.0.0.1:${port};
      keepalive_requests 1000000;
      location / {
        proxy_pass http://model;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_buffering off;
      }
    }`,
  );
  return startNginx(dir, "proxy", conf, port, cpus);
}

export async function startHaproxy(dir: string, upstreamPort: number, cpus?: string): Promise<Proc> {
  const port = await freePort();
  const home = path.join(dir, "haproxy");
  await mkdir(home, { recursive: true });
  const conf = path.join(home, "haproxy.cfg");
  await writeFile(
    conf,
    `
global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
  http-reuse always
frontend fe
  bind 127.0.0.1:${port}
  default_backend be
backend be
  server model 127.0.0.1:${upstreamPort} maxconn 1000
`,
  );
  const proc = spawnPinned(cpus, "/usr/sbin/haproxy", ["-db", "-f", conf]);
  return waitForPort(proc, port, "haproxy");
}

function nginxMain(dir: string, http: string): string {
  return `
daemon off;
worker_processes 1;
error_log stderr error;
pid nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  ${http}
}`;
}

async function startNginx(dir: string, name: string, conf: string, port: number, cpus?: string): Promise<Proc> {
  const prefix = path.join(dir, `nginx-${name}`);
  await mkdir(path.join(prefix, "logs"), { recursive: true });
  await mkdir(path.join(dir, "tmp"), { recursive: true });
  const file = path.join(prefix, "nginx.conf");
  await writeFile(file, conf);
  const proc = spawnPinned(cpus, "/usr/sbin/nginx", ["-p", prefix, "-c", file, "-e", "stderr"]);
  return waitForPort(proc, port, `nginx-${name}`);
}

async function waitForPort(proc: ChildProcess, port: number, name: string): Promise<Proc> {
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not listen on ${port}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    proc,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
        setTimeout(() => proc.kill("SIGKILL"), 3_000).unref();
      }),
  };
}

/** Spawns `cmd`, pinned to `cpus` with taskset when given (the process and all its threads). */
export function spawnPinned(cpus: string | undefined, cmd: string, args: string[]): ChildProcess {
  const [c, a] = cpus ? ["/usr/bin/taskset", ["-c", cpus, cmd, ...args]] : [cmd, args];
  return spawn(c, a, { stdio: ["ignore", "ignore", "pipe"] });
}
