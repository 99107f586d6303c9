import type { RequestView } from "./assign";

/** Request headers never forwarded: hop-by-hop ones, and those undici sets itself (host, framing). */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "host",
]);

/**
 * RequestView over a parsed request head (raw header list and request target). One pass over the
 * headers builds the upstream header list (hop-by-hop headers dropped; the proxy sets host and
 * framing) and picks out the headers the config reads. Cookies and the query string are parsed
 * only when a rule asks for them.
 */
export class RawRequestView implements RequestView {
  forward: string[] = [];
  contentLength: string | undefined = undefined;
  chunked = false;
  private readonly values: (string | undefined)[];
  private cookies: Map<string, string> | null = null;
  private params: URLSearchParams | null = null;

  /** A transfer coding besides chunked (e.g. "gzip, chunked"): not proxied. */
  unsupportedCoding: string | undefined = undefined;
  /** Expect: 100-continue was asked (answered by the proxy, not forwarded). */
  expectContinue = false;

  constructor(
    private readonly raw: string[],
    private readonly url: string,
    private readonly wanted: string[],
  ) {
    this.values = new Array<string | undefined>(wanted.length);
    const out = this.forward;
    let listed: Set<string> | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i];
      const value = raw[i + 1];
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower)) {
        if (lower === "connection") listed = connectionListed(value, listed);
        else if (lower === "transfer-encoding") {
          this.chunked = true;
          if (value.trim().toLowerCase() !== "chunked") this.unsupportedCoding = value;
        } else if (lower === "expect" && value.toLowerCase() === "100-continue") this.expectContinue = true;
        continue;
      }
      if (lower === "content-length") this.contentLength = value;
      for (let j = 0; j < wanted.length; j++) {
        if (wanted[j] === lower && this.values[j] === undefined) this.values[j] = value;
      }
      out.push(name, value);
    }
    if (listed) this.forward = withoutListed(out, listed);
  }

  header(name: string): string | undefined {
    const j = this.wanted.indexOf(name);
    if (j >= 0) return this.values[j];
    const raw = this.raw;
    for (let i = 0; i < raw.length; i += 2)
      if (raw[i].length === name.length && raw[i].toLowerCase() === name) return raw[i + 1];
    return undefined;
  }

  cookie(name: string): string | undefined {
    if (!this.cookies) {
      this.cookies = new Map();
      for (const part of (this.header("cookie") ?? "").split(";")) {
        const eq = part.indexOf("=");
        if (eq > 0) this.cookies.set(part.slice(0, eq).trim(), decodeURIComponentSafe(part.slice(eq + 1).trim()));
      }
    }
    return this.cookies.get(name);
  }

  query(name: string): string | undefined {
    if (!this.params) {
      const url = this.url;
      const q = url.indexOf("?");
      this.params = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
    }
    return this.params.get(name) ?? undefined;
  }

  path(): string {
    const url = this.url || "/";
    const q = url.indexOf("?");
    return q < 0 ? url : url.slice(0, q);
  }
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Header names a `Connection` value lists besides its own options: hop-by-hop too (RFC 9110 7.6.1). */
export function connectionListed(value: string, into: Set<string> | null): Set<string> | null {
  for (const token of value.split(",")) {
    const t = token.trim().toLowerCase();
    if (t && t !== "keep-alive" && t !== "close" && t !== "upgrade") (into ??= new Set()).add(t);
  }
  return into;
}

/** A name/value list without the headers in `names` (lower-case). */
export function withoutListed(list: string[], names: Set<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < list.length; i += 2) if (!names.has(list[i].toLowerCase())) kept.push(list[i], list[i + 1]);
  return kept;
}
