import http from "node:http";

// Closed-loop load for chaos tests and benchmarks: `concurrency` loops each send a request, wait for
// the answer, and send the next, until stopped. Half the loops reuse keep-alive connections, half
// open a new connection per request (so every request also tests that the port accepts). Refused
// connections (ECONNREFUSED) are counted apart from other failures.

export interface LoadResult {
  sent: number;
  /** Answers by status code. */
  statuses: Record<number, number>;
  refused: number;
  /** Other failures (reset, hang-up, timeout) with their codes. */
  failed: number;
  errors: Record<string, number>;
  seconds: number;
}

export interface Load {
  stop(): Promise<LoadResult>;
  /** Results so far. */
  snapshot(): LoadResult;
}

export function startLoad(url: string, opts: { concurrency?: number; path?: string; timeoutMs?: number } = {}): Load {
  const u = new URL(opts.path ?? "/predict", url);
  const concurrency = opts.concurrency ?? 8;
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const fresh = new http.Agent({ keepAlive: false });
  const r: LoadResult = { sent: 0, statuses: {}, refused: 0, failed: 0, errors: {}, seconds: 0 };
  const started = Date.now();
  let stopping = false;
  let n = 0;
  const one = (agent: http.Agent) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ text: "my invoice is wrong", ticketType: "billing" });
      const req = http.request(
        u,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "x-user-id": `load-${n++}`, "x-ticket-type": "billing" },
          timeout: opts.timeoutMs ?? 10_000,
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            r.statuses[res.statusCode!] = (r.statuses[res.statusCode!] ?? 0) + 1;
            resolve();
          });
          res.on("error", (e) => fail(e as NodeJS.ErrnoException, resolve));
        },
      );
      r.sent++;
      req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      req.on("error", (e) => fail(e as NodeJS.ErrnoException, resolve));
      req.end(body);
    });
  const fail = (e: NodeJS.ErrnoException, done: () => void) => {
    if (e.code === "ECONNREFUSED") r.refused++;
    else {
      r.failed++;
      const code = e.code ?? e.message;
      r.errors[code] = (r.errors[code] ?? 0) + 1;
    }
    done();
  };
  const loops = Array.from({ length: concurrency }, async (_, i) => {
    const agent = i % 2 === 0 ? keepAlive : fresh;
    while (!stopping) await one(agent);
  });
  const snapshot = () => ({
    ...r,
    statuses: { ...r.statuses },
    errors: { ...r.errors },
    seconds: (Date.now() - started) / 1000,
  });
  return {
    snapshot,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      keepAlive.destroy();
      fresh.destroy();
      return snapshot();
    },
  };
}
