import { rootCertificates } from "node:tls";
import { Pool } from "undici";
import type { RoutingConfig } from "@/lib/routers/types";
import { compileRouting, type CompiledRouting } from "./assign";
import { UpstreamPool } from "./http1/upstream-pool";
import { REQUEST_ID_HEADER, requestIdPrefix } from "./request-id";

// Keep-alive connections per upstream origin, shared by every config that names it, so a weight
// change doesn't drop warm connections: the proxy's own HTTP/1.1 pool for served traffic, and an
// undici Pool for shadow traffic (off the hot path). Pools no longer referenced are closed
// gracefully (in-flight requests finish first).

export interface UpstreamOptions {
  /** Max sockets per upstream. */
  connections: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Extra CA certificates (PEM) trusted for https upstreams, besides the system's. */
  ca?: string;
}

export const DEFAULT_UPSTREAM_OPTIONS: UpstreamOptions = {
  connections: 256,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
};

export interface VariantRuntime {
  key: string;
  version: string;
  /** Served traffic. */
  upstream: UpstreamPool;
  /** Shadow traffic (mirror jobs). */
  pool: Pool;
  /** "x-switchyard-variant: …\r\nx-switchyard-version: …\r\n", added to every answer. */
  headerLines: string;
  /** "x-switchyard-request-id: sy1:<rollout>:<variant>:" — the answer's id goes on with its time and nonce. */
  requestIdLine: string;
  /** Path of the upstream URL, prepended to the request path ("" for a bare origin). */
  basePath: string;
}

/** Everything the hot path reads for one config; replaced whole when the config changes. */
export interface Runtime {
  compiled: CompiledRouting;
  variants: VariantRuntime[];
  segmentHeader: string | undefined;
  /** Lower-case request headers the config reads (stickiness, override, segment, rules, cookie). */
  wantedHeaders: string[];
  predictionField: string | undefined;
  mirrorIndex: number;
  mirrorRoutes: string[];
  mirrorSample: number;
}

export class Upstreams {
  private readonly pools = new Map<string, Pool>();
  private readonly upstreams = new Map<string, UpstreamPool>();

  constructor(private readonly options: UpstreamOptions = DEFAULT_UPSTREAM_OPTIONS) {}

  /** Compiles `config` and binds its variants to pools; closes pools nothing uses any more. */
  runtimeFor(config: RoutingConfig): Runtime {
    const used = new Set<string>();
    const variants = config.variants.map((v) => {
      const url = new URL(v.upstream);
      used.add(url.origin);
      return {
        key: v.key,
        version: v.version,
        upstream: this.upstreamFor(url),
        pool: this.poolFor(url.origin),
        headerLines: `x-switchyard-variant: ${v.key}\r\nx-switchyard-version: ${headerValue(v.version)}\r\n`,
        requestIdLine: `${REQUEST_ID_HEADER}: ${requestIdPrefix(config.rolloutId, v.key)}`,
        basePath: url.pathname === "/" ? "" : url.pathname.replace(/\/$/, ""),
      };
    });
    for (const [origin, pool] of this.pools) {
      if (!used.has(origin)) {
        this.pools.delete(origin);
        pool.close().catch(() => {});
      }
    }
    for (const [origin, upstream] of this.upstreams) {
      if (!used.has(origin)) {
        this.upstreams.delete(origin);
        void upstream.close();
      }
    }
    const compiled = compileRouting(config);
    return {
      compiled,
      variants,
      segmentHeader: config.segmentHeader?.toLowerCase(),
      wantedHeaders: wantedHeaders(config),
      predictionField: config.predictionField,
      mirrorIndex: config.mirror ? (compiled.byKey.get(config.mirror.variant) ?? -1) : -1,
      mirrorRoutes: config.mirror?.routes ?? [],
      mirrorSample: config.mirror?.sampleBasisPoints ?? 0,
    };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    const upstreams = [...this.upstreams.values()];
    this.pools.clear();
    this.upstreams.clear();
    await Promise.all([...pools.map((p) => p.close().catch(() => {})), ...upstreams.map((u) => u.close())]);
  }

  private upstreamFor(url: URL): UpstreamPool {
    let upstream = this.upstreams.get(url.origin);
    if (!upstream) {
      upstream = new UpstreamPool(url, {
        maxConnections: this.options.connections,
        timeoutMs: this.options.headersTimeoutMs,
        idleTimeoutMs: 30_000,
        ca: this.options.ca,
      });
      this.upstreams.set(url.origin, upstream);
    }
    return upstream;
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        connect: { noDelay: true, ...(this.options.ca ? { ca: [...rootCertificates, this.options.ca] } : {}) },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

function wantedHeaders(config: RoutingConfig): string[] {
  const names = new Set<string>();
  if (config.stickiness.header) names.add(config.stickiness.header.toLowerCase());
  if (config.stickiness.cookie) names.add("cookie");
  names.add(config.overrideHeader.toLowerCase());
  if (config.segmentHeader) names.add(config.segmentHeader.toLowerCase());
  for (const r of config.rules) {
    for (const c of r.conditions) {
      if (c.attribute.startsWith("header:")) names.add(c.attribute.slice(7).toLowerCase());
      if (c.attribute.startsWith("cookie:")) names.add("cookie");
    }
  }
  return [...names];
}

/** A config value as a header value: printable ASCII as is, anything else percent-encoded. */
function headerValue(v: string): string {
  return /^[\x20-\x7e]*$/.test(v) ? v : encodeURIComponent(v);
}
