import { STATUS_CODES } from "node:http";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { TOTAL_BASIS_POINTS } from "@/lib/routers/types";
import { assignVariant } from "./assign";
import { CALLBACK_FAILED, Http1Parser, type ParsedHead, type ParseError } from "./http1/native-parser";
import { UpstreamTimeoutError, type UpstreamConnection, type UpstreamExchange } from "./http1/upstream-pool";
import type { Metrics } from "./metrics";
import { MIRROR_METHODS, type Mirror } from "./mirror";
import { extractPrediction } from "./prediction";
import { connectionListed, RawRequestView, withoutListed } from "./request-view";
import { nonceSource } from "./request-id";
import type { Runtime, VariantRuntime } from "./upstreams";

// The data-plane hot path: an HTTP/1.1 reverse proxy written directly on sockets and node's own
// llhttp parser, without node:http's request/response objects and streams (which cost more CPU
// per request than everything below together). Per request: parse the head, pick a variant from
// the precompiled bucket table, write the request head to a keep-alive upstream connection,
// stream bodies both ways with backpressure, and write the answer back with two extra headers,
// coalesced into one write per upstream read. Bodies are buffered only when needed: a mirrored
// request's body (bounded), the answer when its prediction is captured (bounded), and up to
// 64 KiB of request body so a request can be resent when a stale keep-alive connection drops it.

const NO_CONFIG_BODY = JSON.stringify({ error: "no routing config" });
const MAX_CAPTURE_BYTES = 256 * 1024;
const MAX_RETAINED_BODY_BYTES = 64 * 1024;
/** Idle keep-alive connections from clients are closed after this long. */
const CLIENT_KEEP_ALIVE_MS = 65_000;
const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

export interface ProxyDeps {
  runtime: () => Runtime | null;
  metrics: Metrics;
  mirror: Mirror;
  /** Client connections with no byte either way for this long are closed (default 65 s). */
  clientTimeoutMs?: number;
}

export interface ProxyServer extends net.Server {
  /** Closes client connections with no request in flight. */
  closeIdleConnections(): void;
  closeAllConnections(): void;
}

export function createProxyServer(deps: ProxyDeps): ProxyServer {
  const connections = new Set<ClientConnection>();
  const shared: Shared = { deps, closing: false, nonce: nonceSource() };
  const server = net.createServer({ noDelay: true }, (socket) => {
    const conn = new ClientConnection(shared, socket);
    connections.add(conn);
    socket.once("close", () => connections.delete(conn));
  }) as ProxyServer;
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    // From now on every answer says "connection: close" and ends its connection.
    shared.closing = true;
    return close(cb);
  };
  server.closeIdleConnections = () => {
    // An answer still in the socket's buffer (a slow client) is flushed first, then closed.
    for (const c of connections) {
      if (!c.idle) continue;
      if (c.socket.writableLength > 0) c.socket.end();
      else c.socket.destroy();
    }
  };
  server.closeAllConnections = () => {
    for (const c of connections) c.socket.destroy();
  };
  return server;
}

interface Shared {
  deps: ProxyDeps;
  closing: boolean;
  /** Unique tail of each answer's request id (lib/dataplane/request-id.ts). */
  nonce: () => string;
}

/** One client connection: requests are answered one at a time, in order (pipelined ones wait). */
class ClientConnection {
  private readonly parser: Http1Parser;
  /** [0] is being answered; the last one is being received. */
  private readonly queue: Exchange[] = [];
  private pipelinePaused = false;
  private bodyPaused = false;
  /** A request head has begun to arrive (its exchange exists once the head is complete). */
  private receiving = false;
  /** An answer said "connection: close": nothing more is read or forwarded. */
  private done = false;

  constructor(
    readonly shared: Shared,
    readonly socket: net.Socket,
  ) {
    this.parser = new Http1Parser("request", {
      onBegin: () => {
        this.receiving = true;
      },
      onHead: (head) => {
        this.receiving = false;
        this.onRequestHead(head);
        return false;
      },
      onBody: (chunk) => this.queue[this.queue.length - 1]?.onRequestBody(chunk),
      onEnd: () => this.queue[this.queue.length - 1]?.onRequestEnd(),
    });
    socket.setTimeout(shared.deps.clientTimeoutMs ?? CLIENT_KEEP_ALIVE_MS);
    socket.on("data", (d: Buffer) => {
      if (this.done) return;
      const err = this.parser.execute(d);
      if (err) this.onParseError(err);
    });
    socket.on("timeout", () => {
      // Idle, or stalled halfway through sending a request while we read: nothing else would
      // ever time it out (no upstream exchange runs while a body is awaited, e.g. a mirrored
      // one read whole first, or the rest of one the upstream answered early).
      const last = this.queue[this.queue.length - 1];
      if (last === undefined || (!last.requestEnded && !socket.isPaused())) socket.destroy();
    });
    socket.on("error", () => {});
    socket.on("close", () => this.onClose());
  }

  /** No request in flight, nor one partly received: closeIdleConnections may close it. */
  get idle(): boolean {
    return this.queue.length === 0 && !this.receiving;
  }

  /** Request body backpressure: the upstream can't take more right now. */
  pauseBody(paused: boolean): void {
    this.bodyPaused = paused;
    this.updateFlow();
  }

  /** Both the answer is written and the request fully read: next request, or close. */
  exchangeDone(ex: Exchange): void {
    if (this.queue[0] !== ex) return;
    this.queue.shift();
    if (ex.closeAfter || this.shared.closing) {
      // Requests after this one (pipelined, or sent before the client saw the close) are not
      // served: the client learns from the closed connection that they were not.
      this.done = true;
      this.receiving = false;
      for (const rest of this.queue.splice(0)) rest.clientGone();
      this.socket.end();
      return;
    }
    this.bodyPaused = false;
    this.pipelinePaused = this.queue.length > 1;
    this.updateFlow();
    this.queue[0]?.start();
  }

  private onRequestHead(head: ParsedHead): void {
    if (this.done) return; // later in the same read as the request that closed the connection
    const ex = new Exchange(this, head);
    this.queue.push(ex);
    if (this.queue.length === 1) ex.start();
    else {
      this.pipelinePaused = true;
      this.updateFlow();
    }
  }

  private onParseError(err: ParseError): void {
    // Bytes after a request that asked to close (or an HTTP/1.0 one without keep-alive): not
    // parsed, nor answered; the requests before them still are, then the connection closes.
    if (err.code === "HPE_CLOSED_CONNECTION") return;
    if (this.queue.length === 0 && !this.socket.destroyed && err.code !== CALLBACK_FAILED) {
      const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
      this.socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
        "latin1",
      );
    } else this.socket.destroy();
  }

  private onClose(): void {
    this.parser.close();
    for (const ex of this.queue.splice(0)) ex.clientGone();
  }

  private updateFlow(): void {
    if (this.pipelinePaused || this.bodyPaused) this.socket.pause();
    else if (this.socket.isPaused()) this.socket.resume();
  }
}

class Exchange implements UpstreamExchange {
  closeAfter: boolean;
  requestSent = false;
  requestEnded = false;
  private started = false;
  private awaitingDrain = false;
  private responseDone = false;
  private headSent = false;
  private gone = false;
  // Request body: chunks not yet written upstream, and (up to 64 KiB) all of it for a resend.
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The client socket is paused until a connection takes the pending chunks. */
  private holding = false;
  private retained: Buffer[] | null = [];
  private retainedBytes = 0;
  private chunkedIn = false;
  private waitForWholeBody = false;
  private upstreamHead = "";
  private conn: UpstreamConnection | null = null;
  private attempts = 0;
  // Routing and answer.
  private rt!: Runtime;
  private variant!: VariantRuntime;
  private segment = "";
  private startedAt = 0;
  private status = 0;
  private chunkedOut = false;
  private capture: Buffer[] | null = null;
  private captured = 0;
  private mirrorTo: VariantRuntime | null = null;
  private mirrorHeaders: string[] = [];

  constructor(
    private readonly client: ClientConnection,
    private readonly head: ParsedHead,
  ) {
    this.closeAfter = !head.keepAlive;
  }

  get clientSocket(): net.Socket {
    return this.client.socket;
  }

  get retryable(): boolean {
    return this.retained !== null && IDEMPOTENT_METHODS.has(this.head.method);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.head.upgrade) {
      // WebSocket and CONNECT are not proxied: say so instead of hanging.
      this.closeAfter = true;
      this.answerLocally(501, JSON.stringify({ error: "upgrade and CONNECT are not supported" }), null);
      return;
    }
    const { deps } = this.client.shared;
    const rt = deps.runtime();
    if (!rt) {
      deps.metrics.counters.noConfig++;
      this.answerLocally(503, NO_CONFIG_BODY, null);
      return;
    }
    this.rt = rt;
    this.startedAt = performance.now();
    const head = this.head;
    // Absolute form ("GET http://host/path"), which a server must accept: routed and forwarded
    // by its path, as the upstream gets its own Host.
    if (head.url.charCodeAt(0) !== 47 /* "/" */) head.url = originForm(head.url);
    const view = new RawRequestView(head.headers, head.url, rt.wantedHeaders);
    if (view.unsupportedCoding !== undefined) {
      // Re-chunking would drop the coding and hand the model a body it can't decode.
      this.answerLocally(
        501,
        JSON.stringify({ error: `transfer coding not supported: ${view.unsupportedCoding}` }),
        null,
      );
      return;
    }
    const index = assignVariant(rt.compiled, view).index;
    const variant = rt.variants[index];
    this.variant = variant;
    this.segment = rt.segmentHeader ? (view.header(rt.segmentHeader) ?? "") : "";
    if (view.expectContinue && !this.requestEnded) this.clientSocket.write(CONTINUE, "latin1");

    let out = `${head.method} ${variant.basePath}${head.url || "/"} HTTP/1.1\r\nhost: ${variant.upstream.authority}\r\n`;
    const fwd = view.forward;
    for (let i = 0; i < fwd.length; i += 2) out += `${fwd[i]}: ${fwd[i + 1]}\r\n`;
    this.chunkedIn = view.chunked && view.contentLength === undefined;

    const mirrorTo = shouldMirror(rt, index, head.method, view) ? rt.variants[rt.mirrorIndex] : null;
    if (rt.predictionField || mirrorTo) this.capture = [];
    if (mirrorTo) {
      const length = view.contentLength !== undefined ? Number(view.contentLength) : this.chunkedIn ? NaN : 0;
      if (length <= deps.mirror.options.maxBodyBytes) {
        // Mirrored: the body is sent twice, so read it whole first (bounded by content-length).
        this.mirrorTo = mirrorTo;
        // The shadow learns it is one, so a model server can skip side effects (logging, billing).
        this.mirrorHeaders = fwd.concat("x-switchyard-mirror", "1", "x-switchyard-variant", mirrorTo.key);
        this.waitForWholeBody = true;
      } else {
        deps.metrics.counters.mirrorSkipped++;
        this.capture = rt.predictionField ? [] : null;
      }
    }
    if (this.chunkedIn) out += "transfer-encoding: chunked\r\n";
    this.upstreamHead = out + "\r\n";
    if (!this.waitForWholeBody || this.requestEnded) variant.upstream.dispatch(this);
  }

  onAttach(conn: UpstreamConnection): void {
    this.conn = conn;
    this.attempts++;
    const chunks = this.attempts > 1 ? this.retained : this.pending;
    if (chunks === null) {
      // Resent after more body came than is kept for a resend: it can't be sent whole.
      conn.destroy();
      this.onUpstreamError(new Error("request body too large to resend"));
      return;
    }
    this.pending = [];
    this.pendingBytes = 0;
    const socket = conn.socket;
    socket.cork();
    conn.write(this.upstreamHead);
    let ok = true;
    for (const c of chunks) ok = this.writeBody(conn, c);
    if (this.requestEnded) this.finishRequest(conn);
    socket.uncork();
    if (this.holding) {
      this.holding = false;
      if (ok) this.client.pauseBody(false);
      else socket.once("drain", () => this.client.pauseBody(false));
    }
  }

  onRetry(): void {
    // Until a fresh connection takes it, the body goes to `pending` (and `retained`), not to the
    // dead one.
    this.conn = null;
  }

  onRequestBody(chunk: Buffer): void {
    if (this.responseDone || this.gone) return; // answered early: the rest is read and dropped
    if (this.retained) {
      this.retainedBytes += chunk.length;
      if (this.retainedBytes <= MAX_RETAINED_BODY_BYTES || this.waitForWholeBody) this.retained.push(chunk);
      else this.retained = null;
    }
    const conn = this.conn;
    if (!conn || this.waitForWholeBody) {
      this.pending.push(chunk);
      // Waiting for a free upstream connection: stop reading once a retry's worth is held.
      // (A mirrored body is read whole, bounded by its content-length.)
      if (
        !conn &&
        !this.waitForWholeBody &&
        (this.pendingBytes += chunk.length) > MAX_RETAINED_BODY_BYTES &&
        !this.holding
      ) {
        this.holding = true;
        this.client.pauseBody(true);
      }
      return;
    }
    if (!this.writeBody(conn, chunk) && !this.awaitingDrain) {
      // One listener however many chunks the current read still holds.
      this.awaitingDrain = true;
      this.client.pauseBody(true);
      conn.socket.once("drain", () => {
        this.awaitingDrain = false;
        this.client.pauseBody(false);
      });
    }
  }

  onRequestEnd(): void {
    this.requestEnded = true;
    if (this.responseDone) {
      this.client.exchangeDone(this);
      return;
    }
    if (!this.started || this.gone) return;
    if (this.waitForWholeBody && !this.conn && this.attempts === 0) {
      this.variant.upstream.dispatch(this);
      return;
    }
    if (this.conn) this.finishRequest(this.conn);
  }

  onResponseHead(h: ParsedHead): boolean {
    this.status = h.status;
    const method = this.head.method;
    let fields = responseFields(h.headers);
    // Headers the Connection header lists are hop-by-hop too (rare: a second pass only then).
    if (fields.listed) fields = responseFields(withoutListed(h.headers, fields.listed));
    let out = `HTTP/1.1 ${h.status} ${h.statusMessage || STATUS_CODES[h.status] || ""}\r\n${fields.text}`;
    const length = fields.length;
    const noBody = method === "HEAD" || h.status === 204 || h.status === 304;
    if (this.client.shared.closing) this.closeAfter = true;
    if (!noBody && length < 0) {
      // Length unknown (chunked or close-delimited upstream): chunk it for HTTP/1.1 clients.
      if (this.head.versionMinor >= 1) {
        out += "transfer-encoding: chunked\r\n";
        this.chunkedOut = true;
      } else this.closeAfter = true;
    }
    out += this.variant.headerLines + this.requestIdLine(this.variant);
    if (this.closeAfter) out += "connection: close\r\n";
    else if (this.head.versionMinor === 0) out += "connection: keep-alive\r\n";
    this.headSent = true;
    this.writeClient(out + "\r\n");
    return method === "HEAD";
  }

  onResponseBody(chunk: Buffer): void {
    if (this.capture) {
      this.captured += chunk.length;
      if (this.captured <= MAX_CAPTURE_BYTES) this.capture.push(chunk);
      else {
        this.capture = null;
        this.client.shared.deps.metrics.counters.captureSkipped++;
      }
    }
    if (this.gone) return;
    const socket = this.clientSocket;
    if (this.chunkedOut) {
      socket.write(`${chunk.length.toString(16)}\r\n`, "latin1");
      socket.write(chunk);
      socket.write("\r\n", "latin1");
    } else socket.write(chunk);
  }

  onResponseEnd(): void {
    this.conn = null;
    if (this.chunkedOut) this.writeClient("0\r\n\r\n");
    const { metrics, mirror } = this.client.shared.deps;
    const rt = this.rt;
    const rolloutId = rt.compiled.config.rolloutId;
    metrics.recordRequest(
      rolloutId,
      this.variant.key,
      this.segment,
      performance.now() - this.startedAt,
      this.status >= 500,
    );
    let prediction: string | undefined;
    if (this.capture && this.status < 300) {
      const c = this.capture;
      const text = (c.length === 1 ? c[0] : Buffer.concat(c)).toString("utf8");
      prediction = extractPrediction(text, rt.predictionField);
      if (prediction !== undefined && rt.predictionField)
        metrics.recordPrediction(rolloutId, this.variant.key, this.segment, prediction);
    }
    const target = this.mirrorTo;
    if (target && this.retained) {
      const body = this.retained && this.retained.length ? Buffer.concat(this.retained) : null;
      mirror.offer({
        pool: target.pool,
        variant: target.key,
        rolloutId,
        segment: this.segment,
        method: this.head.method,
        path: target.basePath + (this.head.url || "/"),
        headers: this.mirrorHeaders,
        body,
        primaryPrediction: prediction,
        predictionField: rt.predictionField,
      });
    }
    this.finishResponse();
  }

  onUpstreamError(err: Error): void {
    this.conn = null;
    if (this.gone || this.responseDone) return;
    const { metrics } = this.client.shared.deps;
    metrics.recordRequest(
      this.rt.compiled.config.rolloutId,
      this.variant.key,
      this.segment,
      performance.now() - this.startedAt,
      true,
    );
    if (this.headSent) {
      // Part of the answer is out: the client must see it cut, not a truncated success.
      this.clientSocket.destroy();
      return;
    }
    const timeout = err instanceof UpstreamTimeoutError;
    const body = JSON.stringify({
      error: timeout ? "upstream timeout" : "upstream unavailable",
      variant: this.variant.key,
    });
    this.answerLocally(timeout ? 504 : 502, body, this.variant);
  }

  /** The client went away: drop the upstream exchange (its connection can't be reused). */
  clientGone(): void {
    if (this.responseDone || this.gone) return;
    this.gone = true;
    if (!this.started || !this.rt) return;
    this.client.shared.deps.metrics.counters.clientAborts++;
    if (this.conn) this.conn.destroy();
    else this.variant.upstream.cancel(this);
    this.conn = null;
  }

  /** An answer made by the router itself (no config, upstream down, unsupported request). */
  answerLocally(status: number, body: string, variant: VariantRuntime | null): void {
    // Without the whole request read, the next one can't be found on this connection.
    if (!this.requestEnded) this.closeAfter = true;
    if (this.client.shared.closing) this.closeAfter = true;
    let out = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\n`;
    if (variant) out += variant.headerLines + this.requestIdLine(variant);
    if (this.closeAfter) out += "connection: close\r\n";
    else if (this.head.versionMinor === 0) out += "connection: keep-alive\r\n";
    this.headSent = true;
    this.writeClient(out + "\r\n" + body);
    this.finishResponse();
  }

  private finishResponse(): void {
    this.responseDone = true;
    this.pending = [];
    if (this.requestEnded || this.closeAfter) this.client.exchangeDone(this);
    // Answered before the whole body arrived: read the rest (and drop it) even if the upstream
    // had pushed back, or the connection would stay paused for good.
    else this.client.pauseBody(false);
  }

  private writeBody(conn: UpstreamConnection, chunk: Buffer): boolean {
    if (!this.chunkedIn) return conn.write(chunk);
    conn.write(`${chunk.length.toString(16)}\r\n`);
    conn.write(chunk);
    return conn.write("\r\n");
  }

  private finishRequest(conn: UpstreamConnection): void {
    if (this.requestSent) return;
    if (this.chunkedIn) conn.write("0\r\n\r\n");
    this.requestSent = true;
  }

  /** The answer's request id: which rollout and variant served it, and when (outcomes name it later). */
  private requestIdLine(variant: VariantRuntime): string {
    return `${variant.requestIdLine}${Date.now()}:${this.client.shared.nonce()}\r\n`;
  }

  private writeClient(text: string): void {
    const socket = this.clientSocket;
    if (!socket.destroyed) socket.write(text, "latin1");
  }
}

/** Safe to send again after a connection died mid-request (RFC 9110 9.2.2): never POST or PATCH. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
/** An answer's end-to-end header lines, its content-length (-1 if none) and what its Connection header lists. */
function responseFields(headers: string[]): { text: string; length: number; listed: Set<string> | null } {
  let text = "";
  let length = -1;
  let listed: Set<string> | null = null;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (name.length <= 17) {
      const lower = name.toLowerCase();
      if (RESPONSE_HOP_BY_HOP.has(lower)) {
        if (lower === "connection") listed = connectionListed(headers[i + 1], listed);
        continue;
      }
      if (lower === "content-length") length = Number(headers[i + 1]);
    }
    text += `${name}: ${headers[i + 1]}\r\n`;
  }
  return { text, length, listed };
}

const RESPONSE_HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "proxy-connection",
  "upgrade",
  "trailer",
]);

/** "scheme://authority/path?query" as "/path?query"; any other target (e.g. "*") unchanged. */
function originForm(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (!m) return url;
  const rest = url.slice(m[0].length);
  return rest.charCodeAt(0) === 47 ? rest : "/" + rest;
}

function shouldMirror(rt: Runtime, served: number, method: string, view: RawRequestView): boolean {
  if (rt.mirrorIndex < 0 || rt.mirrorIndex === served || rt.mirrorSample <= 0) return false;
  if (!MIRROR_METHODS.has(method)) return false;
  const path = view.path();
  let listed = false;
  for (const r of rt.mirrorRoutes) if (path.startsWith(r)) listed = true;
  if (!listed) return false;
  return rt.mirrorSample >= TOTAL_BASIS_POINTS || Math.random() * TOTAL_BASIS_POINTS < rt.mirrorSample;
}
