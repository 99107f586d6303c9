import { readFileSync, readdirSync } from "node:fs";

// CPU time (user + system) consumed by a process and all its descendants (the built-in router is a
// launcher, a supervisor and the worker that serves), from /proc. Dividing by
// the requests served gives CPU cost per request, which, unlike requests/s, doesn't depend on
// what else the (shared) machine is running.

const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid: number): number {
  let ticks = 0;
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]));
  for (const p of all) ticks += ownTicks(p);
  return ticks / TICKS_PER_SECOND;
}

function ownTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // process gone
  }
  return out;
}
