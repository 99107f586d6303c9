import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Dispatcher } from "undici";
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import { assignVariant } from "./assign";
import type { Metrics } from "./metrics";
import { MIRROR_METHODS, type Mirror } from "./mirror";
import { extractPrediction } from "./prediction";
import { NodeRequestView } from "./request-view";
import type { Runtime, VariantRuntime } from "./upstreams";

// The data-plane hot path. Per request: pick a variant from the precompiled bucket table, stream
// the request to that variant's keep-alive pool through undici's low-level dispatch (raw header
// buffers, no Readable wrapper), stream the answer back with two extra headers, record metrics.
// Bodies are buffered only when needed: the request body of a mirrored request (bounded) and the
// answer when its prediction is captured (bounded).

const NO_CONFIG_BODY = JSON.stringify({ error: "no routing config" });
const MAX_CAPTURE_BYTES = 256 * 1024;
const RESPONSE_HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "trailer"]);

export interface ProxyDeps {
  runtime: () => Runtime | null;
  metrics: Metrics;
  mirror: Mirror;
}

export function createProxyServer(deps: ProxyDeps): Server {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => handle(deps, req, res));
  server.headersTimeout = 60_000;
  return server;
}

function handle(deps: ProxyDeps, req: IncomingMessage, res: ServerResponse): void {
  const rt = deps.runtime();
  if (!rt) {
    deps.metrics.counters.noConfig++;
    res.writeHead(503, { "content-type": "application/json", "content-length": NO_CONFIG_BODY.length });
    res.end(NO_CONFIG_BODY);
    return;
  }
  const start = performance.now();
  const view = new NodeRequestView(req, rt.wantedHeaders);
  const index = assignVariant(rt.compiled, view).index;
  const variant = rt.variants[index];
  const segment = rt.segmentHeader ? view.header(rt.segmentHeader) ?? "" : "";
  const headers = view.forward;
  const method = req.method ?? "GET";
  const path = variant.basePath + (req.url ?? "/");

  const mirrorTo = shouldMirror(rt, index, method, view) ? rt.variants[rt.mirrorIndex] : null;
  const handler = new ProxyHandler(deps, rt, variant, res, start, segment);
  if (rt.predictionField || mirrorTo) handler.capture = [];

  const hasBody = view.contentLength !== undefined ? view.contentLength !== "0" : view.chunked;
  if (!mirrorTo) {
    dispatch(variant, { method, path, headers, body: hasBody ? req : null }, handler, res);
    return;
  }
  // Mirrored: the body is sent twice, so read it once (bounded by content-length).
  const length = view.contentLength !== undefined ? Number(view.contentLength) : hasBody ? NaN : 0;
  if (!(length <= deps.mirror.options.maxBodyBytes)) {
    deps.metrics.counters.mirrorSkipped++;
    handler.capture = rt.predictionField ? [] : null;
    dispatch(variant, { method, path, headers, body: hasBody ? req : null }, handler, res);
    return;
  }
  // The shadow learns it is one, so a model server can skip side effects (logging, billing).
  const mirrorHeaders = headers.concat("x-switchyard-mirror", "1", "x-switchyard-variant", mirrorTo.key);
  readBody(req, (err, body) => {
    if (err) return void res.destroy(err);
    handler.mirror = { target: mirrorTo, method, path: mirrorTo.basePath + (req.url ?? "/"), headers: mirrorHeaders, body };
    dispatch(variant, { method, path, headers, body }, handler, res);
  });
}

const kHandler = Symbol("switchyard.handler");

function dispatch(variant: VariantRuntime, opts: Omit<Dispatcher.DispatchOptions, "origin">, handler: ProxyHandler, res: ServerResponse): void {
  (res as ServerResponse & { [kHandler]?: ProxyHandler })[kHandler] = handler;
  res.once("close", onResponseClose);
  variant.pool.dispatch(opts as Dispatcher.DispatchOptions, handler as unknown as Dispatcher.DispatchHandler);
}

/** Shared (no per-request closure): a client that goes away aborts its upstream request. */
function onResponseClose(this: ServerResponse & { [kHandler]?: ProxyHandler }): void {
  this[kHandler]?.onClientClose();
  this[kHandler] = undefined;
}

/** undici's legacy handler interface: raw header buffers and pause-by-return, no per-request streams. */
class ProxyHandler {
  capture: Buffer[] | null = null;
  mirror: { target: VariantRuntime; method: string; path: string; headers: string[]; body: Buffer | null } | null = null;
  private captured = 0;
  private status = 0;
  private abortUpstream: ((err?: Error) => void) | null = null;
  private resume: (() => void) | null = null;
  /** Body bytes still expected per content-length; -1 when unknown (chunked). */
  private remaining = -1;
  private ended = false;
  private done = false;
  private clientGone = false;

  constructor(
    private readonly deps: ProxyDeps,
    private readonly rt: Runtime,
    private readonly variant: VariantRuntime,
    private readonly res: ServerResponse,
    private readonly start: number,
    private readonly segment: string,
  ) {}

  onClientClose(): void {
    if (this.done) return;
    this.clientGone = true;
    this.abortUpstream?.(new Error("client closed"));
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, raw: Buffer[], resume: () => void): boolean {
    this.status = statusCode;
    const out: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toString("latin1");
      if (name.length <= 17) {
        const lower = name.toLowerCase();
        if (RESPONSE_HOP_BY_HOP.has(lower)) continue;
        if (lower === "content-length") this.remaining = Number(raw[i + 1].toString("latin1"));
      }
      out.push(name, raw[i + 1].toString("latin1"));
    }
    out.push("x-switchyard-variant", this.variant.key, "x-switchyard-version", this.variant.version);
    this.resume = resume;
    this.res.writeHead(statusCode, out);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.capture) {
      this.captured += chunk.length;
      if (this.captured <= MAX_CAPTURE_BYTES) this.capture.push(chunk);
      else {
        this.capture = null;
        this.deps.metrics.counters.captureSkipped++;
      }
    }
    if (this.remaining >= 0) {
      this.remaining -= chunk.length;
      // Last chunk of a known-length body: send it with the end of the answer in one write.
      if (this.remaining <= 0) {
        this.ended = true;
        this.res.end(chunk);
        return true;
      }
    }
    if (this.res.write(chunk)) return true;
    this.res.once("drain", this.resume!);
    return false;
  }

  onComplete(): void {
    this.done = true;
    if (!this.ended) this.res.end();
    const { metrics } = this.deps;
    const rolloutId = this.rt.compiled.config.rolloutId;
    metrics.recordRequest(rolloutId, this.variant.key, this.segment, performance.now() - this.start, this.status >= 500);
    let prediction: string | undefined;
    if (this.capture && this.status < 300) {
      const c = this.capture;
      const text = (c.length === 1 ? c[0] : Buffer.concat(c)).toString("utf8");
      prediction = extractPrediction(text, this.rt.predictionField);
      if (prediction !== undefined && this.rt.predictionField) metrics.recordPrediction(rolloutId, this.variant.key, this.segment, prediction);
    }
    const m = this.mirror;
    if (m) {
      this.deps.mirror.offer({
        pool: m.target.pool, variant: m.target.key, rolloutId, segment: this.segment, method: m.method, path: m.path,
        headers: m.headers, body: m.body, primaryPrediction: prediction, predictionField: this.rt.predictionField,
      });
    }
  }

  onError(err: Error): void {
    this.done = true;
    const res = this.res;
    // A client that hung up says nothing about the model: not an error of the variant.
    if (this.clientGone) {
      this.deps.metrics.counters.clientAborts++;
      return;
    }
    this.deps.metrics.recordRequest(this.rt.compiled.config.rolloutId, this.variant.key, this.segment, performance.now() - this.start, true);
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    const timeout = (err as { code?: string }).code?.includes("TIMEOUT") ?? false;
    const body = JSON.stringify({ error: timeout ? "upstream timeout" : "upstream unavailable", variant: this.variant.key });
    if (res.destroyed) return;
    res.writeHead(timeout ? 504 : 502, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "x-switchyard-variant": this.variant.key,
      "x-switchyard-version": this.variant.version,
    });
    res.end(body);
  }
}

function shouldMirror(rt: Runtime, served: number, method: string, view: NodeRequestView): boolean {
  if (rt.mirrorIndex < 0 || rt.mirrorIndex === served || rt.mirrorSample <= 0) return false;
  if (!MIRROR_METHODS.has(method)) return false;
  const path = view.path();
  let listed = false;
  for (const r of rt.mirrorRoutes) if (path.startsWith(r)) listed = true;
  if (!listed) return false;
  return rt.mirrorSample >= TOTAL_BASIS_POINTS || Math.random() * TOTAL_BASIS_POINTS < rt.mirrorSample;
}

function readBody(req: IncomingMessage, cb: (err: Error | null, body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => cb(null, chunks.length ? Buffer.concat(chunks) : null));
  req.on("error", (e) => cb(e, null));
}
