import net from "node:net";
import tls from "node:tls";
import { CALLBACK_FAILED, Http1Parser, type ParsedHead } from "./native-parser";

// Keep-alive HTTP/1.1 connections to one upstream origin, for the proxy's primary path. Each
// connection carries one exchange at a time (no pipelining); idle connections are reused last-in
// first-out so a few stay hot; when all `maxConnections` are busy, exchanges wait in order.
// An exchange that fails on a reused connection before any answer byte arrived (the upstream
// closed it while idle) is retried once on a fresh connection when it is safe to resend.

export interface UpstreamPoolOptions {
  maxConnections: number;
  /** No answer byte for this long (headers or body) fails the exchange with a timeout. */
  timeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  idleTimeoutMs: number;
  /** Extra CA certificates (PEM) trusted for https, besides the system's. */
  ca?: string;
}

export class UpstreamTimeoutError extends Error {
  readonly code = "UPSTREAM_TIMEOUT";
}

/** What a connection needs from the request it carries. */
export interface UpstreamExchange {
  /** Called once a connection is assigned: write the request head (and body) with `conn.write`. */
  onAttach(conn: UpstreamConnection): void;
  /** Return true to skip the body (an answer to HEAD). */
  onResponseHead(head: ParsedHead): boolean;
  onResponseBody(chunk: Buffer): void;
  onResponseEnd(): void;
  onUpstreamError(err: Error): void;
  /** The connection died before answering; the exchange is queued again for a fresh one. */
  onRetry(): void;
  /** The client socket answers are written to: corked around each upstream read so one read = one write. */
  readonly clientSocket: net.Socket;
  /** The whole request has been written to the upstream (a connection is reusable only then). */
  readonly requestSent: boolean;
  /** Nothing of the request is lost if it is sent again (no body streamed yet, or none). */
  readonly retryable: boolean;
}

export class UpstreamPool {
  private readonly idle: UpstreamConnection[] = [];
  private readonly waiting: UpstreamExchange[] = [];
  private size = 0;
  private closing = false;
  private onDrained: (() => void) | null = null;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The Host header for this origin. */
  readonly authority: string;

  constructor(
    origin: URL,
    readonly options: UpstreamPoolOptions,
  ) {
    this.secure = origin.protocol === "https:";
    this.host = origin.hostname.replace(/^\[|\]$/g, "");
    this.port = Number(origin.port) || (this.secure ? 443 : 80);
    this.authority = origin.host;
  }

  get closed(): boolean {
    return this.closing;
  }

  /** Connections open now (busy or idle). */
  get connections(): number {
    return this.size;
  }

  dispatch(ex: UpstreamExchange, fresh = false): void {
    if (this.closing) return ex.onUpstreamError(new Error("upstream pool closed"));
    if (!fresh) {
      const conn = this.idle.pop();
      if (conn) return conn.assign(ex, true);
    }
    if (this.size < this.options.maxConnections) {
      this.size++;
      new UpstreamConnection(this).assign(ex, false);
      return;
    }
    this.waiting.push(ex);
  }

  /** A waiting exchange whose client went away. */
  cancel(ex: UpstreamExchange): void {
    const i = this.waiting.indexOf(ex);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** Refuses new exchanges, closes idle connections, resolves when the busy ones are done. */
  close(): Promise<void> {
    this.closing = true;
    for (const ex of this.waiting.splice(0)) ex.onUpstreamError(new Error("upstream pool closed"));
    for (const conn of this.idle.splice(0)) conn.destroy();
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.onDrained = resolve));
  }

  /** @internal a connection finished an exchange and can take another. */
  release(conn: UpstreamConnection): void {
    if (this.closing) return conn.destroy();
    const next = this.waiting.shift();
    if (next) conn.assign(next, true);
    else this.idle.push(conn);
  }

  /** @internal a connection closed. */
  removed(conn: UpstreamConnection): void {
    this.size--;
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (!this.closing && this.waiting.length > 0 && this.size < this.options.maxConnections) {
      this.size++;
      new UpstreamConnection(this).assign(this.waiting.shift()!, false);
    }
    if (this.closing && this.size === 0) this.onDrained?.();
  }
}

export class UpstreamConnection {
  readonly socket: net.Socket;
  private readonly parser: Http1Parser;
  private exchange: UpstreamExchange | null = null;
  private reused = false;
  private answered = false;
  private keepAlive = false;
  private informational = false;
  /** Why an answer was refused (not passed on), if it was. */
  private refusal: Error | null = null;
  private error: Error | null = null;
  private gone = false;
  /** Idle lifetime the upstream announced with `keep-alive: timeout=N`, in ms. */
  private announcedIdleMs = Infinity;
  private timeoutMs = 0;
  /** Set when an answer ended on a reusable connection: its idle timeout, applied on release. */
  private idleMs = 0;
  private unsolicited = false;

  constructor(private readonly pool: UpstreamPool) {
    const { host, port, secure } = pool;
    this.socket = secure
      ? tls.connect({
          host,
          port,
          servername: net.isIP(host) ? undefined : host,
          ALPNProtocols: ["http/1.1"],
          ...(pool.options.ca ? { ca: [...tls.rootCertificates, pool.options.ca] } : {}),
        })
      : net.connect({ host, port });
    this.socket.setNoDelay(true);
    this.setTimeoutMs(pool.options.timeoutMs);
    this.parser = new Http1Parser("response", {
      // A message that starts when no exchange is waiting for one (bytes after a complete
      // answer in the same read): the connection can't be trusted, and must not be reused.
      onBegin: () => {
        if (this.exchange === null) this.unsolicited = true;
      },
      onHead: (head) => {
        if (this.unsolicited) return true;
        // 1xx (100 Continue, 103 Early Hints) precede the real answer: not passed on.
        if (head.status >= 100 && head.status < 200 && head.status !== 101) {
          this.informational = true;
          return true;
        }
        this.keepAlive = head.keepAlive;
        const h = head.headers;
        let refusal = head.status === 101 ? "the upstream switched protocols without being asked" : null;
        for (let i = 0; i < h.length; i += 2) {
          if (h[i].length === 10 && h[i].toLowerCase() === "keep-alive") {
            const m = /timeout=(\d+)/i.exec(h[i + 1]);
            if (m) this.announcedIdleMs = Number(m[1]) * 1000;
          } else if (
            h[i].length === 17 &&
            h[i].toLowerCase() === "transfer-encoding" &&
            h[i + 1].trim().toLowerCase() !== "chunked"
          ) {
            // gzip, chunked (say): re-chunking would hand the client a body it can't decode.
            refusal = `unsupported transfer coding from upstream: ${h[i + 1]}`;
          }
        }
        if (refusal) {
          // Not passed on: the exchange fails with a 502 once this read is parsed (see onData).
          this.refusal = new Error(refusal);
          this.unsolicited = true;
          return true;
        }
        return this.exchange!.onResponseHead(head);
      },
      onBody: (chunk) => {
        if (!this.unsolicited) this.exchange!.onResponseBody(chunk);
      },
      onEnd: () => {
        if (this.unsolicited) return;
        if (this.informational) {
          this.informational = false;
          return;
        }
        const ex = this.exchange!;
        this.exchange = null;
        ex.onResponseEnd();
        // Reuse only within the idle time the upstream announced, with a second to spare, so
        // we never send on a connection it is about to close.
        const idleMs = Math.min(this.pool.options.idleTimeoutMs, this.announcedIdleMs - 1_000);
        // Released once the rest of this read is parsed (see onData), never from inside it.
        if (this.keepAlive && ex.requestSent && !this.gone && idleMs > 0) this.idleMs = idleMs;
        else this.destroy();
      },
    });
    this.socket.on("data", (d: Buffer) => this.onData(d));
    this.socket.on("end", () => this.onEnd());
    this.socket.on("error", (e: Error) => (this.error ??= e));
    this.socket.on("timeout", () => this.onTimeout());
    this.socket.on("close", () => this.onClose());
  }

  assign(ex: UpstreamExchange, reused: boolean): void {
    this.exchange = ex;
    this.reused = reused;
    this.answered = false;
    this.setTimeoutMs(this.pool.options.timeoutMs);
    ex.onAttach(this);
  }

  private setTimeoutMs(ms: number): void {
    if (ms === this.timeoutMs) return;
    this.timeoutMs = ms;
    this.socket.setTimeout(ms);
  }

  /** Writes request bytes; false when the socket's buffer is full (wait for "drain"). */
  write(data: string | Buffer): boolean {
    return typeof data === "string" ? this.socket.write(data, "latin1") : this.socket.write(data);
  }

  /** Drops the connection, e.g. when the client went away mid-exchange. */
  destroy(): void {
    this.exchange = null;
    if (!this.gone) this.socket.destroy();
  }

  private onData(d: Buffer): void {
    const ex = this.exchange;
    if (!ex) return this.destroy(); // bytes nobody asked for: the connection can't be trusted
    this.answered = true;
    const client = ex.clientSocket;
    client.cork();
    const err = this.parser.execute(d);
    client.uncork();
    if (err?.code === CALLBACK_FAILED) {
      // Our own code failed midway through this answer: its state is unknown, so both
      // connections go (the client sees a cut answer, not a wrong one).
      client.destroy();
      this.fail(err);
    } else if (err) this.fail(new Error(`invalid answer from upstream: ${err.code}`));
    else if (this.unsolicited) this.fail(this.refusal ?? new Error("upstream sent more than the answer"));
    else if (this.idleMs > 0) {
      this.setTimeoutMs(this.idleMs);
      this.idleMs = 0;
      this.pool.release(this);
    } else if (this.exchange === ex && client.writableNeedDrain) {
      // The client reads slower than the model answers: stop reading until it catches up.
      this.socket.pause();
      client.once("drain", () => this.socket.resume());
    }
  }

  private onEnd(): void {
    // EOF ends a close-delimited answer; anything else cut short is an error (on close).
    const err = this.parser.finish();
    if (err && this.exchange) this.error ??= new Error(`upstream closed the connection mid-answer (${err.code})`);
    this.socket.end();
  }

  private onTimeout(): void {
    if (this.exchange)
      this.fail(new UpstreamTimeoutError(`no answer from upstream within ${this.pool.options.timeoutMs} ms`));
    else this.destroy();
  }

  private fail(err: Error): void {
    this.error = err;
    this.socket.destroy();
  }

  private onClose(): void {
    this.gone = true;
    this.parser.close();
    const ex = this.exchange;
    this.exchange = null;
    this.pool.removed(this);
    if (!ex) return;
    // An idle keep-alive connection the upstream had already closed: resend once on a fresh one.
    if (this.reused && !this.answered && ex.retryable && !(this.error instanceof UpstreamTimeoutError)) {
      ex.onRetry();
      this.pool.dispatch(ex, true);
      return;
    }
    ex.onUpstreamError(this.error ?? new Error("upstream closed the connection"));
  }
}
