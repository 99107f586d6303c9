// Real HTTP traffic against a router under test: counts per backend and a steady request stream
// whose samples (send time, backend, error) let tests and benchmarks see when a change took effect.
import http from "node:http";

export interface Sample {
  /** performance.now() when the request was sent */
  sentAt: number;
  doneAt: number;
  /** Body of a 200 answer (the upstream's name), else null */
  backend: string | null;
  status: number | null;
  error: string | null;
  /** Times the request was re-sent after a reset on a reused keep-alive connection. */
  retried: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Reuse connections (default false: one connection per request). */
  agent?: http.Agent;
  timeoutMs?: number;
  /**
   * Re-send once, on a new connection, when a *reused* keep-alive connection is reset before any
   * answer, as Node's docs
   * recommend (`req.reusedSocket`) and as browsers do for idempotent requests: the server closed
   * an idle connection (e.g. an nginx worker leaving after a reload) as the request was sent.
   * Default true; the count lands in `retried` so callers can report it.
   */
  retryReusedReset?: boolean;
}

/** One GET; never throws: failures come back as a Sample with `error` set. */
export async function request(url: string, opts: RequestOptions = {}): Promise<Sample> {
  const sentAt = performance.now();
  const first = await attempt(url, opts);
  if (!first.resetOnReuse || opts.retryReusedReset === false)
    return { sentAt, doneAt: performance.now(), ...first.sample, retried: 0 };
  // On a new connection: another pooled socket may be closing too.
  const second = await attempt(url, { ...opts, agent: undefined });
  return { sentAt, doneAt: performance.now(), ...second.sample, retried: 1 };
}

type Attempt = { sample: Omit<Sample, "sentAt" | "doneAt" | "retried">; resetOnReuse: boolean };

function attempt(url: string, opts: RequestOptions): Promise<Attempt> {
  return new Promise((resolve) => {
    let answered = false;
    const done = (sample: Attempt["sample"], resetOnReuse = false) => resolve({ sample, resetOnReuse });
    const req = http.get(
      url,
      { headers: opts.headers, agent: opts.agent ?? false, timeout: opts.timeoutMs ?? 5_000 },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const ok = res.statusCode === 200;
          done({
            backend: ok ? body : null,
            status: res.statusCode ?? null,
            error: ok ? null : `HTTP ${res.statusCode}: ${body.slice(0, 80)}`,
          });
        });
        res.on("error", (e) => done({ backend: null, status: res.statusCode ?? null, error: e.message }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e: NodeJS.ErrnoException) =>
      done(
        { backend: null, status: null, error: e.code ?? e.message },
        !answered && req.reusedSocket && e.code === "ECONNRESET",
      ),
    );
  });
}

/** Send `n` requests (`concurrency` at a time) and count answers per backend; errors under "error". */
export async function countBackends(
  url: string,
  n: number,
  { concurrency = 4, headersFor }: { concurrency?: number; headersFor?: (i: number) => Record<string, string> } = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const s = await request(url, { agent, headers: headersFor?.(i) });
      const key = s.backend ?? "error";
      counts[key] = (counts[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return counts;
}

export interface RequestStream {
  samples: Sample[];
  /** Stop sending; resolves once in-flight requests finished. */
  stop(): Promise<Sample[]>;
}

/** `concurrency` loops each sending one request after another until stop(). */
export function startRequestStream(
  url: string,
  {
    concurrency = 4,
    keepAlive = false,
    headers,
  }: { concurrency?: number; keepAlive?: boolean; headers?: Record<string, string> } = {},
): RequestStream {
  const samples: Sample[] = [];
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : undefined;
  let running = true;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) samples.push(await request(url, { agent, headers }));
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent?.destroy();
      return samples;
    },
  };
}
