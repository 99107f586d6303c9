// Built-in router: `npx tsx lib/dataplane/main.ts`.
//   ROUTER_PORT              data port (default 8080; 0 = any free port)
//   ROUTER_ADMIN_PORT        admin port (default 8081; 0 = any free port)
//   ROUTER_HOST              bind address (default 127.0.0.1)
//   ROUTER_DATA_DIR          last good config, report sequence, metric spool (default .data/router-<id>)
//   SWITCHYARD_ROUTER_TOKEN  bearer token of the admin API (required)
//   ROUTER_ID                name in reports and logs (default hostname-pid)
//   SWITCHYARD_INGEST_URL    optional: POST metric batches here; SWITCHYARD_INGEST_TOKEN its bearer
//   ROUTER_REPORT_INTERVAL_MS  default 5000
//   ROUTER_REPORT_SPOOL_BATCHES  metric batches kept on disk while the ingest is away (default 720)
//   ROUTER_UPSTREAM_TIMEOUT_MS default 30000
//   ROUTER_UPSTREAM_CA_FILE    optional: PEM CA bundle trusted for https model servers (besides the system's)
//   ROUTER_SUPERVISOR=0        serve in this one process (no zero-downtime restarts)
// Logs are JSON lines on stdout; the first "listening" line carries the bound ports.
//
// This launcher binds both ports, hands the listening sockets to the supervisor
// (lib/dataplane/supervisor.ts) as inherited file descriptors and closes its own copies, so it
// never accepts; the supervisor holds them without accepting and runs the worker that serves.
// Signals: SIGHUP restarts the worker with zero refused connections (upgrade: the new worker runs
// the code on disk now); SIGTERM/SIGINT drain and stop. If this process is killed, the supervisor
// drains and stops too.
import { spawn } from "node:child_process";
import { hostname } from "node:os";
import net from "node:net";
import path from "node:path";
import { listeningFd } from "./listen-fd";

const env = process.env;
env.ROUTER_ID ||= `${hostname()}-${process.pid}`;
env.ROUTER_DATA_DIR = path.resolve(env.ROUTER_DATA_DIR || `.data/router-${env.ROUTER_ID}`);
const host = env.ROUTER_HOST || "127.0.0.1";

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), routerId: env.ROUTER_ID, msg, ...extra }) + "\n");

async function main(): Promise<void> {
  if (!env.SWITCHYARD_ROUTER_TOKEN) {
    log("SWITCHYARD_ROUTER_TOKEN is required: the admin API must not be open");
    process.exit(2);
  }
  if (env.ROUTER_SUPERVISOR === "0") return void (await import("./worker"));

  const data = await bind(Number(env.ROUTER_PORT ?? 8080));
  const admin = await bind(Number(env.ROUTER_ADMIN_PORT ?? 8081));
  const dataFd = listeningFd((data.address() as net.AddressInfo).port);
  const adminFd = listeningFd((admin.address() as net.AddressInfo).port);
  if (dataFd === null || adminFd === null) {
    // No /proc (not Linux): serve in one process; a restart then refuses connections briefly.
    log("cannot hand the listening sockets over (no /proc): serving in one process, without zero-downtime restarts");
    await Promise.all([close(data), close(admin)]);
    return void (await import("./worker"));
  }
  env.ROUTER_PORT = String((data.address() as net.AddressInfo).port);
  env.ROUTER_ADMIN_PORT = String((admin.address() as net.AddressInfo).port);
  const supervisor = spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, "supervisor.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc", dataFd, adminFd],
    env,
  });
  // Our copies go: from here on only the supervisor and its workers hold the sockets.
  await Promise.all([close(data), close(admin)]);
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(sig, () => supervisor.kill(sig));
  supervisor.on("exit", (code, signal) => {
    if (code !== 0) log("supervisor exited", { code, signal });
    process.exit(code ?? 1);
  });
}

/** Binds and listens; a connection accepted in the moment before the hand-over is closed. */
function bind(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ pauseOnConnect: true }, (socket) => socket.destroy());
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

main().catch((e: unknown) => {
  log("fatal", { error: (e as Error).stack ?? String(e) });
  process.exit(1);
});
