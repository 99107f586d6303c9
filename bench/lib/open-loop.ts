import { performance } from "node:perf_hooks";
import { Pool } from "undici";

// Open-loop load at a fixed rate: requests are started on schedule whether or not earlier ones
// have finished (no coordinated omission from waiting on answers). Latency is measured from the
// moment a request is handed to the socket pool to the end of its body.

export interface OpenLoopResult {
  sent: number;
  ok: number;
  errors: number;
  latenciesMs: number[];
}

export async function openLoop(opts: {
  url: string;
  rps: number;
  durationMs: number;
  headers?: (i: number) => Record<string, string>;
  connections?: number;
}): Promise<OpenLoopResult> {
  const u = new URL(opts.url);
  const pool = new Pool(u.origin, { connections: opts.connections ?? 64, pipelining: 1, connect: { noDelay: true } });
  const total = Math.round((opts.rps * opts.durationMs) / 1000);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let sent = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  const interval = 1000 / opts.rps;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
      while (sent < due) {
        const i = sent++;
        const t0 = performance.now();
        inflight.push(
          pool
            .request({ method: "GET", path: u.pathname, headers: opts.headers?.(i) })
            .then(async (res) => {
              await res.body.dump();
              if (res.statusCode < 400) {
                ok++;
                latencies.push(performance.now() - t0);
              } else errors++;
            })
            .catch(() => void errors++),
        );
      }
      // Sleep until the next request is due (timers have 1 ms granularity, one request per ms at
      // 1 000 req/s); never spin, the load generator shares a core with the upstream.
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inflight);
  await pool.close();
  return { sent, ok, errors, latenciesMs: latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
