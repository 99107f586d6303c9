// A small Kubernetes API client for the router adapters: GET, server-side apply and merge
// patches on one custom resource, through undici so that every call has one timeout and errors
// map cleanly onto RouterError codes. Credentials come from kubeconfig.ts (client-node's typed
// clients are not used: they cannot load on Node 20, see there, and have no apply for CRDs).
import { Agent, request, type Dispatcher } from "undici";
import { stringify } from "yaml";
import { RouterError } from "@/lib/routers/types";
import { loadKubeConnection, type KubeConnection } from "./kubeconfig";
import type { KubeSettings } from "./settings";
import type { KubeObject } from "./kube-object";

export const FIELD_MANAGER = "switchyard";

export interface ResourceRef {
  apiVersion: string;
  plural: string;
  namespace: string;
  name: string;
}

type Obj = KubeObject;

/** /apis/<group>/<version>/namespaces/<ns>/<plural>/<name>[/<subresource>] */
export function resourcePath(ref: ResourceRef, subresource?: string): string {
  const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const path = `${base}/namespaces/${encodeURIComponent(ref.namespace)}/${ref.plural}/${encodeURIComponent(ref.name)}`;
  return subresource ? `${path}/${subresource}` : path;
}

export class KubeClient {
  private constructor(
    private readonly conn: KubeConnection,
    private readonly timeoutMs: number,
  ) {}

  private dispatcher: Dispatcher | null = null;

  /** Builds the client from router settings; a missing/invalid kubeconfig is invalid_config. */
  static fromSettings(s: Pick<KubeSettings, "kubeconfig" | "context" | "inCluster" | "timeoutMs">): KubeClient {
    return new KubeClient(loadKubeConnection(s), s.timeoutMs);
  }

  /** The live object, or null when it does not exist. */
  async get(ref: ResourceRef): Promise<Obj | null> {
    const res = await this.send("GET", resourcePath(ref));
    if (res.status === 404) return null;
    return this.expectOk(res, `GET ${ref.plural}/${ref.name}`);
  }

  /** Server-side apply: Switchyard owns the fields it sends and takes them over from others. */
  async apply(ref: ResourceRef, manifest: Obj): Promise<Obj> {
    const qs = `?fieldManager=${FIELD_MANAGER}&force=true`;
    const res = await this.send("PATCH", resourcePath(ref) + qs, stringify(manifest), "application/apply-patch+yaml");
    return this.expectOk(res, `apply ${ref.plural}/${ref.name}`);
  }

  /** JSON merge patch, optionally on a subresource ("status"). Null on 404. */
  async mergePatch(ref: ResourceRef, patch: Obj, subresource?: string): Promise<Obj | null> {
    const res = await this.send(
      "PATCH",
      resourcePath(ref, subresource),
      JSON.stringify(patch),
      "application/merge-patch+json",
    );
    if (res.status === 404) return null;
    return this.expectOk(res, `patch ${ref.plural}/${ref.name}${subresource ? "/" + subresource : ""}`);
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
    this.dispatcher = null;
  }

  private async send(
    method: "GET" | "PATCH",
    path: string,
    body?: string,
    contentType?: string,
  ): Promise<{ status: number; body: Obj | null; text: string }> {
    try {
      this.dispatcher ??= new Agent({
        connect: this.conn.tls,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const headers: Record<string, string> = { accept: "application/json", ...(await this.conn.headers()) };
      if (contentType) headers["content-type"] = contentType;
      const res = await request(this.conn.server + path, {
        method,
        headers,
        body,
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.body.text();
      let parsed: Obj | null = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      return { status: res.statusCode, body: parsed, text };
    } catch (e) {
      throw toRouterError(e, `${method} ${path}`);
    }
  }

  private expectOk(res: { status: number; body: Obj | null; text: string }, what: string): Obj {
    if (res.status >= 200 && res.status < 300) return res.body ?? {};
    throw statusError(res.status, res.body?.message ?? res.text.slice(0, 200), what);
  }
}

/** Maps a Kubernetes API status onto a RouterError code. */
export function statusError(status: number, message: string, what: string): RouterError {
  const text = `${what}: ${status} ${message}`;
  if (status === 401 || status === 403) return new RouterError(text, "refused", false);
  if (status === 409) return new RouterError(text, "refused", true);
  if (status === 400 || status === 422) return new RouterError(text, "invalid_config");
  if (status === 404) return new RouterError(text, "refused", false);
  if (status === 408 || status === 504) return new RouterError(text, "timeout");
  if (status === 429) return new RouterError(text, "refused", true);
  return new RouterError(text, "unreachable");
}

function toRouterError(e: unknown, what: string): RouterError {
  // Already classified (credentials that can't be obtained are a configuration error).
  if (e instanceof RouterError) return new RouterError(`${what}: ${e.message}`, e.code, e.retryable);
  const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  ) {
    return new RouterError(`${what}: timed out`, "timeout");
  }
  return new RouterError(`${what}: ${err.message ?? String(e)}${code ? ` (${code})` : ""}`, "unreachable");
}
