// The serving process of the built-in router: proxy on the data port, admin API, reporter. Started
// by the supervisor (lib/dataplane/supervisor.ts) with both listening sockets inherited as file
// descriptors (ROUTER_LISTEN_FD, ROUTER_ADMIN_LISTEN_FD), or alone (ROUTER_SUPERVISOR=0, or where the
// sockets cannot be handed over) binding ROUTER_PORT / ROUTER_ADMIN_PORT itself. Configuration:
// see lib/dataplane/main.ts. Logs are JSON lines on stdout; "listening" carries the bound ports.
// With a supervisor it talks over the IPC channel: "ready" once accepting, "config" after storing
// an accepted config (the supervisor tells the other worker of a restart to "reload-config" from
// disk, so two workers serving side by side never disagree for longer than a read), and it drains
// when the supervisor goes away.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { AddressInfo, Server } from "node:net";
import { createAdminServer } from "./admin";
import { ConfigStore } from "./config-store";
import { parserChoice } from "./http1/native-parser";
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
/** After a drain starts, keep-alive connections have this long to end by themselves. */
const IDLE_GRACE_MS = 1_000;

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
  const parser = parserChoice();
  if (parser.warning) log(parser.warning, { parser: parser.kind });
  const metrics = new Metrics();
  const mirror = new Mirror(metrics);
  const state = new RouterState(new ConfigStore(dataDir), upstreams, () =>
    process.send?.({ type: "config", version: state.served.config?.version ?? null }),
  );
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
      maxPending: Number(env.ROUTER_REPORT_SPOOL_BATCHES || 720),
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
  const port = await listen(proxy, env.ROUTER_LISTEN_FD, Number(env.ROUTER_PORT ?? 8080), host);
  const adminPort = await listen(admin, env.ROUTER_ADMIN_LISTEN_FD, Number(env.ROUTER_ADMIN_PORT ?? 8081), host);
  log("listening", { port, adminPort, host, pid: process.pid, parser: parser.kind });
  process.send?.({ type: "ready", port, adminPort });
  process.on("message", (m: { type?: string }) => {
    if (m?.type === "reload-config")
      void state.reload().then(
        (problem) => problem && log(problem),
        (e: Error) => log("reload failed", { error: e.message }),
      );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("shutting down", { signal });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Stop accepting (with a supervisor, the socket stays open: the next worker accepts from it);
    // let in-flight requests finish. From now on every answer says "connection: close", so busy
    // keep-alive connections end cleanly after their next answer; those still idle after a second
    // are closed then, and whatever is still open after 8 s is cut.
    const closed = Promise.all([close(proxy), close(admin)]);
    await Promise.race([closed, delay(IDLE_GRACE_MS)]);
    const reap = setInterval(() => {
      proxy.closeIdleConnections();
      admin.closeIdleConnections();
    }, 50);
    await Promise.race([closed, delay(8_000 - IDLE_GRACE_MS)]);
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
  // The supervisor is gone (killed): drain rather than serve unsupervised.
  process.on("disconnect", () => void shutdown("supervisor gone"));
}

/** Listens on an inherited descriptor when given one, else binds `port` on `host`. */
function listen(server: Server, fd: string | undefined, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = () => resolve((server.address() as AddressInfo).port);
    if (fd) server.listen({ fd: Number(fd) }, done);
    else server.listen(port, host, done);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}

main().catch((e: unknown) => {
  log("fatal", { error: (e as Error).stack ?? String(e) });
  process.exit(1);
});
