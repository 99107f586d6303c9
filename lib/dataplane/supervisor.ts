// The built-in router's supervisor: it holds the two listening sockets (inherited from the launcher,
// lib/dataplane/main.ts, as file descriptors 4 and 5, never polled here) and runs one serving worker
// (lib/dataplane/worker.ts) that accepts from them.
//   SIGHUP       zero-downtime restart or upgrade: a new worker (the code on disk now) starts and
//                accepts from the same sockets; once it is ready, the old one drains and exits. If
//                the new one fails to start, the old one keeps serving.
//   worker crash the sockets stay open here, so new connections wait in the kernel's backlog (none
//                is refused) while a new worker starts (with backoff if it keeps crashing).
//   SIGTERM/SIGINT, or the launcher gone: the worker drains (in-flight requests finish, metric
//                batches are spooled), then the supervisor exits.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const DATA_FD = 4;
const ADMIN_FD = 5;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

const routerId = process.env.ROUTER_ID ?? "router";
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), routerId, msg, ...extra }) + "\n");

interface Worker {
  child: ChildProcess;
  ready: boolean;
  /** Asked to drain (replaced, or stopping): its exit is expected. */
  retiring: boolean;
}

const workers = new Set<Worker>();
let current: Worker | null = null;
let replacing: Worker | null = null;
let stopping = false;
let crashes = 0;

function startWorker(): Worker {
  const child = spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, "worker.ts")], {
    stdio: ["ignore", "inherit", "inherit", "ipc", DATA_FD, ADMIN_FD],
    env: { ...process.env, ROUTER_LISTEN_FD: String(DATA_FD), ROUTER_ADMIN_LISTEN_FD: String(ADMIN_FD) },
  });
  const w: Worker = { child, ready: false, retiring: false };
  workers.add(w);
  child.on("message", (m: { type?: string }) => {
    if (m?.type === "ready") onReady(w);
    // A config accepted by one worker: the other (during a restart) reads it from disk.
    if (m?.type === "config")
      for (const other of workers) if (other !== w) other.child.send?.({ type: "reload-config" });
  });
  child.on("exit", (code, signal) => onExit(w, code, signal));
  return w;
}

function onReady(w: Worker): void {
  w.ready = true;
  crashes = 0;
  if (stopping) return void retire(w);
  if (w === replacing) {
    replacing = null;
    const old = current;
    current = w;
    log("new worker serving", { pid: w.child.pid, replaced: old?.child.pid ?? null });
    if (old) retire(old);
  }
}

function onExit(w: Worker, code: number | null, signal: NodeJS.Signals | null): void {
  workers.delete(w);
  if (stopping) {
    if (workers.size === 0) process.exit(0);
    return;
  }
  if (w === replacing) {
    replacing = null;
    log("new worker failed to start; the old one keeps serving", { code, signal });
    return;
  }
  if (w === current && !w.retiring) {
    // Crashed (or was killed alone): the sockets are still open here, connections queue.
    current = null;
    const wait = Math.min(5_000, 100 * 2 ** crashes++);
    log("worker exited; starting another", { pid: w.child.pid, code, signal, inMs: wait });
    setTimeout(() => {
      if (stopping || current || replacing) return;
      replacing = startWorker();
    }, wait).unref();
  }
}

function retire(w: Worker): void {
  w.retiring = true;
  w.child.kill("SIGTERM");
}

function restart(): void {
  if (stopping) return;
  if (replacing) return void log("restart already under way");
  log("restart: starting a new worker");
  const w = startWorker();
  replacing = w;
  setTimeout(() => {
    if (replacing === w && !w.ready) {
      log("new worker not ready in time; the old one keeps serving");
      retire(w);
    }
  }, READY_TIMEOUT_MS).unref();
}

function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  log("stopping", { reason });
  if (workers.size === 0) process.exit(0);
  for (const w of workers) retire(w);
  setTimeout(() => {
    for (const w of workers) w.child.kill("SIGKILL");
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
}

process.on("SIGHUP", restart);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
process.on("disconnect", () => stop("launcher gone"));
process.on("message", (m: { type?: string }) => m?.type === "restart" && restart());

current = startWorker();
replacing = null;
