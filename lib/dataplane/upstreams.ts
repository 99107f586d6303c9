import { Pool } from "undici";
import type { RoutingConfig } from "@/lib/routers/types";
import { compileRouting, type CompiledRouting } from "./assign";

// One keep-alive undici Pool per upstream origin, shared by every config that names it, so a
// weight change doesn't drop warm connections. Pools no longer referenced are closed gracefully
// (in-flight requests finish first).

export interface UpstreamOptions {
  /** Max sockets per upstream. */
  connections: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export const DEFAULT_UPSTREAM_OPTIONS: UpstreamOptions = {
  connections: 256,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
};

export interface VariantRuntime {
  key: string;
  version: string;
  pool: Pool;
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
        pool: this.poolFor(url.origin),
        basePath: url.pathname === "/" ? "" : url.pathname.replace(/\/$/, ""),
      };
    });
    for (const [origin, pool] of this.pools) {
      if (!used.has(origin)) {
        this.pools.delete(origin);
        pool.close().catch(() => {});
      }
    }
    const compiled = compileRouting(config);
    return {
      compiled,
      variants,
      segmentHeader: config.segmentHeader?.toLowerCase(),
      wantedHeaders: wantedHeaders(config),
      predictionField: config.predictionField,
      mirrorIndex: config.mirror ? compiled.byKey.get(config.mirror.variant) ?? -1 : -1,
      mirrorRoutes: config.mirror?.routes ?? [],
      mirrorSample: config.mirror?.sampleBasisPoints ?? 0,
    };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => {})));
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
        connect: { noDelay: true },
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
