// Built-in router process: `npx tsx lib/dataplane/main.ts`.
//   ROUTER_PORT              data port (default 8080; 0 = any free port)
//   ROUTER_ADMIN_PORT        admin port (default 8081; 0 = any free port)
//   ROUTER_HOST              bind address (default 127.0.0.1)
//   ROUTER_DATA_DIR          last good config + report sequence (default .data/router-<id>)
//   SWITCHYARD_ROUTER_TOKEN  bearer token of the admin API (required)
//   ROUTER_ID                name in reports and logs (default hostname-pid)
//   SWITCHYARD_INGEST_URL    optional: POST metric batches here; SWITCHYARD_INGEST_TOKEN its bearer
//   ROUTER_REPORT_INTERVAL_MS  default 5000
//   ROUTER_UPSTREAM_TIMEOUT_MS default 30000
//   ROUTER_UPSTREAM_CA_FILE    optional: PEM CA bundle trusted for https model servers (besides the system's)
// Logs are JSON lines on stdout; the first "listening" line carries the bound ports.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { AddressInfo, Server } from "node:net";
import { createAdminServer } from "./admin";
import { ConfigStore } from "./config-store";
import { Metrics } from "./metrics";
import { Mirror } from "./mirror";
import { createProxyServer } from "./proxy";
import { Reporter } from "./reporter";
import { RouterState } from "./router-state";
import { DEFAULT_UPSTREAM_OPTIONS, Upstreams } from "./upstreams";

const env = process.env;
const routerId = env.ROUTER_ID || `${hostname()}-${process.pid}`;
const host = env.ROUTER_HOST || "127.0.0.1";
const token = env.SWITCHYARD_ROUTER_TOKEN;
const dataDir = path.resolve(env.ROUTER_DATA_DIR || `.data/router-${routerId}`);

function log(msg: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), routerId, msg, ...extra }) + "\n");
}

async function main(): Promise<void> {
  if (!token) {
    log("SWITCHYARD_ROUTER_TOKEN is required: the admin API must not be open");
    process.exit(2);
  }
  const timeout = Number(env.ROUTER_UPSTREAM_TIMEOUT_MS || 30_000);
  const ca = env.ROUTER_UPSTREAM_CA_FILE ? readFileSync(env.ROUTER_UPSTREAM_CA_FILE, "utf8") : undefined;
  const upstreams = new Upstreams({
    ...DEFAULT_UPSTREAM_OPTIONS,
    headersTimeoutMs: timeout,
    bodyTimeoutMs: timeout,
    ca,
  });
  const metrics = new Metrics();
  const mirror = new Mirror(metrics);
  const state = new RouterState(new ConfigStore(dataDir), upstreams);
  const problem = await state.load();
  if (problem) log(problem);
  const loaded = state.served.config;
  log(loaded ? "serving stored config" : "no stored config: answering 503 until one is pushed", {
    version: loaded?.version ?? null,
    epoch: loaded?.epoch ?? null,
    dataDir,
  });

  let reporter: Reporter | null = null;
  if (env.SWITCHYARD_INGEST_URL) {
    reporter = new Reporter({
      url: env.SWITCHYARD_INGEST_URL,
      token: env.SWITCHYARD_INGEST_TOKEN,
      routerId,
      intervalMs: Number(env.ROUTER_REPORT_INTERVAL_MS || 5_000),
      maxPending: 720,
      timeoutMs: 5_000,
      dataDir,
      metrics,
      served: () => ({
        system: state.served.config?.system ?? null,
        configVersion: state.served.config?.version ?? null,
      }),
      log,
    });
    await reporter.start();
  }

  const proxy = createProxyServer({ runtime: state.current, metrics, mirror });
  const admin = createAdminServer({
    token,
    routerId,
    state,
    metrics,
    startedAt: Date.now(),
    gauges: () => ({
      switchyard_config_version: state.served.config?.version ?? -1,
      switchyard_config_epoch: state.served.highestEpoch,
      switchyard_mirror_queue_depth: mirror.depth,
      switchyard_report_pending: reporter?.pendingCount ?? 0,
    }),
  });
  const port = await listen(proxy, Number(env.ROUTER_PORT ?? 8080), host);
  const adminPort = await listen(admin, Number(env.ROUTER_ADMIN_PORT ?? 8081), host);
  log("listening", { port, adminPort, host });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("shutting down", { signal });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Stop accepting; let in-flight requests finish. Keep-alive connections that go idle after
    // close() are closed as they do, and whatever is still open after 8 s is cut.
    const reap = setInterval(() => {
      proxy.closeIdleConnections();
      admin.closeIdleConnections();
    }, 50);
    await Promise.race([Promise.all([close(proxy), close(admin)]), delay(8_000)]);
    clearInterval(reap);
    proxy.closeAllConnections();
    admin.closeAllConnections();
    await Promise.race([mirror.idle(), delay(2_000)]);
    await reporter?.stop();
    await upstreams.close();
    log("stopped");
    process.stdout.write("", () => process.exit(0));
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server & { closeIdleConnections(): void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

main().catch((e: unknown) => {
  log("fatal", { error: (e as Error).stack ?? String(e) });
  process.exit(1);
});
