import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { routingConfigSchema } from "./config-schema";
import type { Metrics } from "./metrics";
import type { RouterState } from "./router-state";

// Admin API on its own port, never on the data port:
//   PUT /config   validate (400 invalid_config), fence (409 stale_epoch / stale_version), serve, persist
//                 (500 persist_failed: the previous config is served again)
//   GET /config   what is served: { version, epoch, weights, ..., highestEpoch, appliedAt }
//   GET /healthz  liveness, whether a config is served, metric batches pending/dropped (no token:
//                 load balancers probe it)
//   GET /metrics  Prometheus text
// Everything but /healthz needs `Authorization: Bearer <SWITCHYARD_ROUTER_TOKEN>`.

const MAX_CONFIG_BYTES = 1 << 20;

export interface AdminDeps {
  token: string;
  routerId: string;
  state: RouterState;
  metrics: Metrics;
  gauges: () => Record<string, number>;
  startedAt: number;
}

export function createAdminServer(deps: AdminDeps): Server {
  const expected = digest(`Bearer ${deps.token}`);
  return createServer((req, res) => {
    route(deps, expected, req, res).catch((e: unknown) => {
      send(res, 500, { error: "internal error", code: "internal", detail: (e as Error).message });
    });
  });
}

async function route(deps: AdminDeps, expected: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/healthz") {
    const { config } = deps.state.served;
    return send(res, 200, {
      status: config ? "ok" : "no_config",
      routerId: deps.routerId,
      version: config?.version ?? null,
      epoch: config?.epoch ?? null,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      // Metric batches waiting in the spool for the ingest, and dropped (spool full) all time.
      reports: {
        pending: deps.gauges().switchyard_report_pending ?? 0,
        dropped: deps.metrics.counters.reportsDropped,
      },
    });
  }
  if (!timingSafeEqual(digest(req.headers.authorization ?? ""), expected)) {
    return send(res, 401, { error: "missing or wrong bearer token", code: "unauthorized" });
  }
  if (path === "/config" && req.method === "GET") {
    const { config, highestEpoch, appliedAt } = deps.state.served;
    if (!config) return send(res, 404, { error: "no routing config", code: "no_config", highestEpoch });
    return send(res, 200, { ...config, highestEpoch, appliedAt, routerId: deps.routerId });
  }
  if (path === "/config" && req.method === "PUT") return putConfig(deps, req, res);
  if (path === "/metrics" && req.method === "GET") {
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    res.end(deps.metrics.toPrometheus(deps.gauges()));
    return;
  }
  send(res, 404, { error: "not found", code: "not_found" });
}

async function putConfig(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw: string;
  try {
    raw = await readText(req, MAX_CONFIG_BYTES);
  } catch (e) {
    return send(res, 413, { error: (e as Error).message, code: "invalid_config" });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return send(res, 400, { error: "body is not JSON", code: "invalid_config" });
  }
  const parsed = routingConfigSchema.safeParse(json);
  if (!parsed.success) {
    const invalidParams = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return send(res, 400, { error: "invalid routing config", code: "invalid_config", invalidParams });
  }
  let result: Awaited<ReturnType<AdminDeps["state"]["apply"]>>;
  try {
    result = await deps.state.apply(parsed.data);
  } catch (e) {
    // Not durable, so not accepted: the previous config is served again and the pusher retries.
    return send(res, 500, { error: `config could not be stored: ${(e as Error).message}`, code: "persist_failed" });
  }
  if (result.outcome === "refuse") return send(res, 409, { error: result.message, code: result.code });
  const { config, highestEpoch } = deps.state.served;
  send(res, 200, {
    outcome: result.outcome,
    version: config?.version,
    epoch: config?.epoch,
    highestEpoch,
    weights: config?.weights,
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`body larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Fixed-length digests so the comparison is constant-time whatever the header length. */
function digest(v: string): Buffer {
  return createHash("sha256").update(v).digest();
}
