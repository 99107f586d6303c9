import { readFileSync } from "node:fs";
import { loadavg } from "node:os";

// The machine is shared: before measuring, wait (bounded) for it to be quiet, and record how busy
// it was so a reader can tell a noisy run from a clean one.

/** Fraction of all CPUs busy over `ms`, from /proc/stat. */
export async function cpuBusy(ms = 1_000): Promise<number> {
  const a = snapshot();
  await new Promise((r) => setTimeout(r, ms));
  const b = snapshot();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

/** Waits until the machine is at most `threshold` busy, for at most `maxMs`; returns the last reading. */
export async function waitForQuiet(threshold: number, maxMs: number): Promise<{ busy: number; waitedMs: number }> {
  const start = Date.now();
  let busy = await cpuBusy();
  while (busy > threshold && Date.now() - start < maxMs) busy = await cpuBusy();
  return { busy, waitedMs: Date.now() - start };
}

export function load(): { loadavg1m: number; loadavg5m: number } {
  const [one, five] = loadavg();
  return { loadavg1m: Math.round(one * 100) / 100, loadavg5m: Math.round(five * 100) / 100 };
}

/** Marks a point in time; call the result to get the fraction of all CPUs busy since then. */
export function busyMeter(): () => number {
  const a = snapshot();
  return () => {
    const b = snapshot();
    const total = b.total - a.total;
    return total > 0 ? Math.round((1 - (b.idle - a.idle) / total) * 100) / 100 : 0;
  };
}

function snapshot(): { idle: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + (cpu[4] ?? 0);
  return { idle, total: cpu.reduce((x, y) => x + y, 0) };
}
