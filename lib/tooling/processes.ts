// A small supervisor for the start command and tests: spawn, prefix output, stop in reverse order.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** TCP port that answers once the service is ready. */
  readyPort?: number;
  quiet?: boolean;
}

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
}

export function startService(spec: ServiceSpec, log: (line: string) => void = console.log): RunningService {
  const child = spawn(spec.command, spec.args, {
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${spec.name}]`;
  const relay = (chunk: Buffer) => {
    if (spec.quiet) return;
    for (const line of chunk.toString().split("\n")) if (line.trim()) log(`${prefix} ${line}`);
  };
  child.stdout?.on("data", relay);
  child.stderr?.on("data", relay);
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM" && signal !== "SIGKILL") log(`${prefix} exited (${signal ?? code})`);
  });
  return { spec, child };
}

export async function waitForPort(port: number, timeoutMs = 120_000, host = "127.0.0.1"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
}

/** Stops services newest first: SIGTERM to each and everything it started, then waits until all of
 * those processes are gone (not only the direct child: a wrapper such as npx may exit before the
 * server it started has drained), SIGKILL after `graceMs`. */
export async function stopServices(services: RunningService[], graceMs = 8_000): Promise<void> {
  for (const s of [...services].reverse()) {
    if (!s.child.pid) continue;
    const pids = [s.child.pid, ...descendants(s.child.pid)];
    signalGroup(s.child, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (pids.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const pid of pids.filter(running)) kill(pid, "SIGKILL");
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie has exited (its parent has not reaped it yet): it holds nothing.
    return !/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** SIGKILL to every service and all it started (the last resort of a bounded stop). */
export function killServices(services: RunningService[]): void {
  for (const s of services) signalGroup(s.child, "SIGKILL");
}

/** Signals the child and everything it started (npx → tsx → node), deepest first, so no
 * grandchild keeps a port after the supervisor stops. Stays in our process group, so a
 * supervisor killed from outside (e.g. Playwright's group kill) takes them all down too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  for (const pid of [...descendants(child.pid).reverse(), child.pid]) kill(pid, signal);
}

function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parentOf)
      if (pp === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(pid);
  return out;
}
