// Child processes that tests and benchmarks start: output kept for error messages, stopped on
// stop() and, as a safety net, when the Node process exits (even after a failed test).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface ManagedProcess {
  child: ChildProcess;
  pid: number;
  /** stdout + stderr so far (last 64 kB). */
  output(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooked = false;

export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  hookExit();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  live.add(child);
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let gone = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      gone = true;
      live.delete(child);
      resolve();
    }),
  );
  return {
    child,
    pid: child.pid,
    output: () => out,
    exited: () => gone,
    async stop(graceMs = 3_000) {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => {
    for (const c of live) c.kill("SIGKILL");
  });
}
