import { errors as undiciErrors, request } from "undici";
import {
  RouterError,
  weightsEqual,
  type AppliedState,
  type RouterAdapter,
  type RouterHealthReport,
  type RouterTarget,
  type RoutingConfig,
} from "./types";

// Adapter for Switchyard's built-in router (lib/dataplane): its admin API takes the whole
// RoutingConfig, so apply = PUT /config then read back GET /config and compare; health =
// GET /healthz. target.endpoint is the admin base URL, target.secret its bearer token;
// settings.timeoutMs (default 5 000) bounds every call.

const DEFAULT_TIMEOUT_MS = 5_000;

export class BuiltinRouterAdapter implements RouterAdapter {
  readonly kind = "builtin" as const;
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly target: RouterTarget) {
    this.base = target.endpoint.replace(/\/+$/, "");
    const t = Number(target.settings.timeoutMs);
    this.timeoutMs = Number.isFinite(t) && t > 0 ? t : DEFAULT_TIMEOUT_MS;
  }

  async apply(config: RoutingConfig): Promise<void> {
    const res = await this.call("PUT", "/config", config);
    if (res.status === 409) {
      const code = res.body?.code === "stale_epoch" ? "stale_epoch" : "stale_version";
      throw new RouterError(`${this.target.name} refused config v${config.version}: ${message(res.body)}`, code, false);
    }
    if (res.status === 400 || res.status === 413) {
      throw new RouterError(
        `${this.target.name} rejected config v${config.version}: ${message(res.body)}`,
        "invalid_config",
      );
    }
    this.expectOk(res, "PUT /config");
    const applied = await this.readBack();
    if (applied.version !== config.version || !weightsEqual(config.weights, applied.weights)) {
      throw new RouterError(
        `${this.target.name} serves v${applied.version} ${JSON.stringify(applied.weights)} after applying v${config.version}`,
        "mismatch",
      );
    }
  }

  async readBack(): Promise<AppliedState> {
    const res = await this.call("GET", "/config");
    if (res.status === 404 && res.body?.code === "no_config") return { version: null, weights: {} };
    this.expectOk(res, "GET /config");
    const version = res.body?.version;
    const weights = res.body?.weights;
    if (typeof version !== "number" || !weights || typeof weights !== "object") {
      throw new RouterError(`${this.target.name} answered GET /config without version and weights`, "mismatch");
    }
    return { version, weights: weights as Record<string, number> };
  }

  async health(): Promise<RouterHealthReport> {
    const started = performance.now();
    try {
      const res = await this.call("GET", "/healthz");
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      if (res.status !== 200) return { status: "down", detail: `healthz answered ${res.status}`, latencyMs };
      if (res.body?.status === "ok")
        return { status: "healthy", detail: `serving v${res.body.version}${reportsNote(res.body.reports)}`, latencyMs };
      return { status: "degraded", detail: "router is up but serves no config (answers 503)", latencyMs };
    } catch (e) {
      return { status: "down", detail: (e as Error).message };
    }
  }

  private async call(
    method: "GET" | "PUT",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> | null }> {
    try {
      const res = await request(`${this.base}${path}`, {
        method,
        headers: {
          ...(this.target.secret ? { authorization: `Bearer ${this.target.secret}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.body.text();
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = null;
      }
      return { status: res.statusCode, body: parsed };
    } catch (e) {
      throw toRouterError(e, `${this.target.name} ${method} ${path}`);
    }
  }

  private expectOk(res: { status: number; body: Record<string, unknown> | null }, what: string): void {
    if (res.status === 401 || res.status === 403) {
      throw new RouterError(`${this.target.name} ${what}: token refused (${res.status})`, "refused", false);
    }
    if (res.status < 200 || res.status >= 300) {
      throw new RouterError(
        `${this.target.name} ${what} answered ${res.status}: ${message(res.body)}`,
        "refused",
        res.status >= 500,
      );
    }
  }
}

export function createBuiltinAdapter(target: RouterTarget): RouterAdapter {
  return new BuiltinRouterAdapter(target);
}

function toRouterError(e: unknown, what: string): RouterError {
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (
    e instanceof undiciErrors.HeadersTimeoutError ||
    e instanceof undiciErrors.BodyTimeoutError ||
    e instanceof undiciErrors.ConnectTimeoutError ||
    err.name === "TimeoutError" ||
    err.name === "AbortError"
  ) {
    return new RouterError(`${what} timed out`, "timeout");
  }
  return new RouterError(`${what} failed: ${err.code ?? err.cause?.code ?? err.message ?? String(e)}`, "unreachable");
}

function message(body: Record<string, unknown> | null): string {
  if (!body) return "no JSON body";
  const detail = Array.isArray(body.invalidParams) ? ` ${JSON.stringify(body.invalidParams)}` : "";
  return `${String(body.error ?? body.code ?? "unknown")}${detail}`;
}

/** What the router says about its metric batches, when there is something to say. */
function reportsNote(reports: unknown): string {
  const r = (reports ?? {}) as { pending?: unknown; dropped?: unknown };
  const parts: string[] = [];
  if (typeof r.pending === "number" && r.pending > 1) parts.push(`${r.pending} metric batches waiting for delivery`);
  if (typeof r.dropped === "number" && r.dropped > 0) parts.push(`${r.dropped} metric batches lost (spool full)`);
  return parts.length ? `; ${parts.join(", ")}` : "";
}
