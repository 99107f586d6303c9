import { createRequire } from "node:module";

// The data plane's HTTP/1.1 parser, driven directly (one callback per parsed head, body slice and
// message end), without node:http's IncomingMessage / ServerResponse / stream machinery around it.
// Two backends with one interface:
// - "llhttp": Node's own C parser, the one node:http uses, reached through the internal module
//   `_http_common` (not a public API, so it may change or go in a Node release);
// - "http-parser-js": the same parser interface in plain JavaScript (an npm package, public API),
//   slower and more lenient (e.g. it lets chunked win over a Content-Length rather than refusing
//   the message), used when the internal one is missing or not what we expect, with a warning
//   logged at start (see `parserChoice`), or when ROUTER_HTTP_PARSER=js asks for it.
// The protocol tests (proxy-protocol.int.test.ts) run against both.

const require = createRequire(import.meta.url);

interface NativeParserClass {
  new (): NativeParser;
  REQUEST: number | string;
  RESPONSE: number | string;
  kOnMessageBegin?: number;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
}

interface NativeParser {
  initialize(type: number | string, resource: object, maxHeaderSize?: number, lenient?: number): void;
  /** Bytes parsed, or an Error (llhttp gives it a `code`, HPE_...). */
  execute(data: Buffer): number | ParseError;
  /** Signals EOF: completes a close-delimited message, or errors when one was cut short. */
  finish(): number | ParseError | undefined;
  close(): void;
  maxHeaderSize?: number;
  [callback: number]: unknown;
}

export interface ParseError extends Error {
  code: string;
  bytesParsed: number;
}

export type ParserKind = "llhttp" | "http-parser-js";

interface Backend {
  kind: ParserKind;
  HTTPParser: NativeParserClass;
  methods: string[];
}

/** Which parser the data plane uses, and why when it is not Node's own. */
export interface ParserChoice {
  kind: ParserKind;
  /** Set when Node's parser was wanted but could not be used. */
  warning?: string;
}

/**
 * Picks the backend: Node's internal llhttp when it loads and looks as expected, else the JS one.
 * `load` is `require` (a parameter so tests can take the internal module away).
 */
export function chooseBackend(
  load: (id: string) => unknown,
  want: string | undefined = process.env.ROUTER_HTTP_PARSER,
): { backend: Backend; choice: ParserChoice } {
  const js = (): Backend => {
    const m = load("http-parser-js") as { HTTPParser: NativeParserClass & { kOnExecute?: number }; methods: string[] };
    // Reading kOnExecute switches it to Node ≥ 0.12's callback signature (positional arguments).
    void m.HTTPParser.kOnExecute;
    return { kind: "http-parser-js", HTTPParser: m.HTTPParser, methods: m.methods };
  };
  if (want === "js") return { backend: js(), choice: { kind: "http-parser-js" } };
  try {
    const common = load("_http_common") as { HTTPParser?: NativeParserClass; methods?: unknown };
    const P = common?.HTTPParser;
    const usable =
      typeof P === "function" &&
      Array.isArray(common.methods) &&
      typeof P.prototype?.execute === "function" &&
      typeof P.prototype?.initialize === "function" &&
      [P.kOnHeaders, P.kOnHeadersComplete, P.kOnBody, P.kOnMessageComplete].every((k) => typeof k === "number");
    if (!usable) throw new Error("_http_common.HTTPParser does not have the expected interface");
    return {
      backend: { kind: "llhttp", HTTPParser: P, methods: common.methods as string[] },
      choice: { kind: "llhttp" },
    };
  } catch (e) {
    return {
      backend: js(),
      choice: {
        kind: "http-parser-js",
        warning: `Node's HTTP parser (internal module _http_common) is not usable on Node ${process.version} (${(e as Error).message}): using the JavaScript parser http-parser-js, which costs more CPU per request`,
      },
    };
  }
}

let { backend, choice } = chooseBackend(require);

/** The parser in use (the router logs `warning` at start). */
export function parserChoice(): ParserChoice {
  return choice;
}

/** Switches the backend for parsers made from now on. Tests only. */
export function setParserForTests(want: "native" | "js"): void {
  ({ backend, choice } = chooseBackend(require, want === "js" ? "js" : undefined));
}

export interface ParsedHead {
  versionMinor: number;
  /** Raw header list: name, value, name, value... (names keep their case). */
  headers: string[];
  /** Request parsers only. */
  method: string;
  url: string;
  /** Response parsers only. */
  status: number;
  statusMessage: string;
  upgrade: boolean;
  keepAlive: boolean;
}

export interface ParserHandlers {
  /** Return true to skip the body (a response to HEAD). */
  onHead(head: ParsedHead): boolean;
  onBody(chunk: Buffer): void;
  onEnd(): void;
  /** Optional: a new message starts (its first byte was read). */
  onBegin?(): void;
}

/** Error code of a parse that stopped because one of our callbacks threw. */
export const CALLBACK_FAILED = "CALLBACK_FAILED";

/** Max bytes of a message head (request line or status line + headers), node's default. */
export const MAX_HEAD_BYTES = 16 * 1024;

export class Http1Parser {
  private readonly native: NativeParser;
  private readonly kind: ParserKind;
  private readonly methods: readonly string[];
  // Heads with many headers arrive in pieces before "headers complete".
  private pendingHeaders: string[] = [];
  private pendingUrl = "";
  private closed = false;
  /** JS backend only: whether a message has begun (it has no "message begin" callback). */
  private inMessage = false;
  /** JS backend only: a head over MAX_HEAD_BYTES was seen; nothing more is handed on. */
  private overflow = false;
  private readonly onBegin?: () => void;

  constructor(kind: "request" | "response", handlers: ParserHandlers) {
    const { HTTPParser } = backend;
    this.kind = backend.kind;
    this.methods = backend.methods;
    const p = new HTTPParser();
    p.initialize(kind === "request" ? HTTPParser.REQUEST : HTTPParser.RESPONSE, {}, MAX_HEAD_BYTES, 0);
    if (this.kind === "http-parser-js") p.maxHeaderSize = MAX_HEAD_BYTES;
    p[HTTPParser.kOnHeaders] = (headers: string[], url: string) => {
      for (let i = 0; i < headers.length; i++) this.pendingHeaders.push(headers[i]);
      this.pendingUrl += url;
    };
    p[HTTPParser.kOnHeadersComplete] = (
      _versionMajor: number,
      versionMinor: number,
      headers: string[] | undefined,
      method: number | undefined,
      url: string | undefined,
      status: number | undefined,
      statusMessage: string | undefined,
      upgrade: boolean,
      keepAlive: boolean,
    ): number => {
      let all = headers;
      if (this.pendingHeaders.length) {
        all = headers ? this.pendingHeaders.concat(headers) : this.pendingHeaders;
        this.pendingHeaders = [];
      }
      const fullUrl = this.pendingUrl + (url ?? "");
      this.pendingUrl = "";
      // The JS backend checks the head size only when a head spans reads: check a whole one here.
      if (this.kind === "http-parser-js" && (this.overflow || headBytes(fullUrl, all) > MAX_HEAD_BYTES)) {
        this.overflow = true;
        return 1;
      }
      const skip = handlers.onHead({
        versionMinor,
        headers: all ?? [],
        method: method === undefined ? "" : this.methods[method],
        url: fullUrl,
        status: status ?? 0,
        statusMessage: statusMessage ?? "",
        upgrade,
        keepAlive,
      });
      return skip ? 1 : 0;
    };
    p[HTTPParser.kOnBody] = (chunk: Buffer) => {
      if (!this.overflow) handlers.onBody(chunk);
    };
    p[HTTPParser.kOnMessageComplete] = () => {
      this.inMessage = false;
      if (!this.overflow) handlers.onEnd();
    };
    if (handlers.onBegin) {
      if (HTTPParser.kOnMessageBegin !== undefined) p[HTTPParser.kOnMessageBegin] = handlers.onBegin;
      else this.onBegin = handlers.onBegin;
    }
    this.native = p;
  }

  /** Feeds bytes; returns the parse error, if any (the connection must then be dropped). A
   * callback that throws is reported the same way (code CALLBACK_FAILED): one broken connection,
   * never a crashed router. */
  execute(data: Buffer): ParseError | null {
    if (this.closed) return null;
    let r: number | ParseError;
    try {
      if (this.onBegin && !this.inMessage && data.length > 0) {
        this.inMessage = true;
        this.onBegin();
      }
      r = this.native.execute(data);
    } catch (e) {
      const err = new Error(`HTTP handling failed: ${(e as Error).message}`) as ParseError;
      err.code = CALLBACK_FAILED;
      err.bytesParsed = 0;
      return err;
    }
    if (this.overflow)
      return this.normalize(Object.assign(new Error("max header size exceeded"), { bytesParsed: 0 }) as ParseError);
    return typeof r === "number" ? null : this.normalize(r);
  }

  finish(): ParseError | null {
    if (this.closed) return null;
    const r = this.native.finish();
    return r === undefined || typeof r === "number" ? null : this.normalize(r);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }

  /** The JS backend's errors carry no llhttp code: give them the nearest one. */
  private normalize(e: ParseError): ParseError {
    if (typeof e.code === "string" && e.code.startsWith("HPE_")) return e;
    e.code = /header size/i.test(e.message) ? "HPE_HEADER_OVERFLOW" : "HPE_INVALID";
    e.bytesParsed ??= 0;
    return e;
  }
}

/** Bytes of a request/status line and headers, about as they came on the wire. */
function headBytes(url: string, headers: string[] | undefined): number {
  let n = url.length + 16;
  for (const h of headers ?? []) n += h.length + 2;
  return n;
}
