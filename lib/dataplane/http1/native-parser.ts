import { createRequire } from "node:module";

// Node's own HTTP/1.1 parser (llhttp, in C++), the one node:http uses, without node:http's
// IncomingMessage / ServerResponse / stream machinery around it. The data plane drives it
// directly: one callback per parsed head, body slice and message end.

const require = createRequire(import.meta.url);

interface NativeParserClass {
  new (): NativeParser;
  REQUEST: number;
  RESPONSE: number;
  kOnMessageBegin: number;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
}

interface NativeParser {
  initialize(type: number, resource: object, maxHeaderSize?: number, lenient?: number): void;
  /** Bytes parsed, or an Error with a llhttp `code` (HPE_...). */
  execute(data: Buffer): number | ParseError;
  /** Signals EOF: completes a close-delimited message, or errors when one was cut short. */
  finish(): number | ParseError | undefined;
  close(): void;
  [callback: number]: unknown;
}

export interface ParseError extends Error {
  code: string;
  bytesParsed: number;
}

const common = require("_http_common") as { HTTPParser: NativeParserClass; methods: string[] };
const { HTTPParser } = common;
export const METHODS: readonly string[] = common.methods;

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
  // Heads with many headers arrive in pieces before "headers complete".
  private pendingHeaders: string[] = [];
  private pendingUrl = "";
  private closed = false;

  constructor(kind: "request" | "response", handlers: ParserHandlers) {
    const p = new HTTPParser();
    p.initialize(kind === "request" ? HTTPParser.REQUEST : HTTPParser.RESPONSE, {}, MAX_HEAD_BYTES, 0);
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
      const skip = handlers.onHead({
        versionMinor,
        headers: all ?? [],
        method: method === undefined ? "" : METHODS[method],
        url: fullUrl,
        status: status ?? 0,
        statusMessage: statusMessage ?? "",
        upgrade,
        keepAlive,
      });
      return skip ? 1 : 0;
    };
    p[HTTPParser.kOnBody] = (chunk: Buffer) => handlers.onBody(chunk);
    p[HTTPParser.kOnMessageComplete] = () => handlers.onEnd();
    if (handlers.onBegin) p[HTTPParser.kOnMessageBegin] = handlers.onBegin;
    this.native = p;
  }

  /** Feeds bytes; returns the parse error, if any (the connection must then be dropped). A
   * callback that throws is reported the same way (code CALLBACK_FAILED): one broken connection,
   * never a crashed router. */
  execute(data: Buffer): ParseError | null {
    if (this.closed) return null;
    let r: number | ParseError;
    try {
      r = this.native.execute(data);
    } catch (e) {
      const err = new Error(`HTTP handling failed: ${(e as Error).message}`) as ParseError;
      err.code = CALLBACK_FAILED;
      err.bytesParsed = 0;
      return err;
    }
    return typeof r === "number" ? null : r;
  }

  finish(): ParseError | null {
    if (this.closed) return null;
    const r = this.native.finish();
    return r === undefined || typeof r === "number" ? null : r;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}
