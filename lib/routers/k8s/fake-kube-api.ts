// Test double of the Kubernetes API on loopback for the adapter integration tests. It enforces
// what the real API server would: bearer auth, the apply-patch content type and query, served
// versions, the CRD schema (via validate-manifest), resourceVersion preconditions (409), and it
// serves stored objects back. Faults can be queued: an HTTP status or a hang (client timeout).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "yaml";
import { validateManifest } from "./validate-manifest";
import type { KubeObject } from "./kube-object";

type Obj = KubeObject;
export interface RecordedRequest {
  method: string;
  path: string;
  contentType?: string;
  auth?: string;
  body?: string;
}
export type Fault = number | "hang";

const KINDS: Record<string, string> = {
  virtualservices: "VirtualService",
  destinationrules: "DestinationRule",
  httproutes: "HTTPRoute",
  trafficsplits: "TrafficSplit",
  rollouts: "Rollout",
};

export async function startFakeKubeApi(token = "test-token") {
  // Compile every CRD schema up front: the first compile takes seconds and would look like a hang.
  for (const [apiVersion, kind] of [
    ["networking.istio.io/v1", "VirtualService"],
    ["networking.istio.io/v1", "DestinationRule"],
    ["gateway.networking.k8s.io/v1", "HTTPRoute"],
    ["split.smi-spec.io/v1alpha4", "TrafficSplit"],
    ["argoproj.io/v1alpha1", "Rollout"],
  ]) {
    validateManifest({ apiVersion, kind, metadata: { name: "warm-up" } });
  }
  const objects = new Map<string, Obj>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let rv = 100;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      requests.push({
        method: req.method ?? "",
        path: url.pathname + url.search,
        contentType: req.headers["content-type"],
        auth: req.headers.authorization,
        body,
      });
      const fault = faults.shift();
      if (fault === "hang") return void hanging.add(res);
      if (typeof fault === "number") return status(res, fault, "Injected", `injected ${fault}`);
      if (req.headers.authorization !== `Bearer ${token}`) return status(res, 401, "Unauthorized", "Unauthorized");
      const m = url.pathname.match(/^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)(\/status)?$/);
      if (!m || !KINDS[m[4]]) return status(res, 404, "NotFound", "the server could not find the requested resource");
      const [, group, version, ns, plural, name, sub] = m;
      const apiVersion = `${group}/${version}`;
      const key = `${apiVersion}/${ns}/${plural}/${name}`;
      const stored = [...objects.entries()].find(
        ([k]) => k.endsWith(`/${ns}/${plural}/${name}`) && k.startsWith(group),
      )?.[1];
      if (req.method === "GET")
        return stored ? json(res, 200, stored) : status(res, 404, "NotFound", `${plural} "${name}" not found`);
      if (req.method !== "PATCH") return status(res, 405, "MethodNotAllowed", "method not allowed");
      const ct = req.headers["content-type"];
      if (ct === "application/apply-patch+yaml" && !sub) {
        if (url.searchParams.get("fieldManager") !== "switchyard")
          return status(res, 400, "BadRequest", "fieldManager is required for apply requests");
        if (url.searchParams.get("force") !== "true")
          return status(res, 409, "Conflict", "Apply failed with conflicts (force not set)");
        const obj = parse(body) as Obj;
        if (obj.apiVersion !== apiVersion || obj.kind !== KINDS[plural] || obj.metadata?.name !== name)
          return status(res, 400, "BadRequest", "body does not match the URL");
        if (
          obj.metadata.resourceVersion &&
          stored &&
          obj.metadata.resourceVersion !== stored.metadata.resourceVersion
        ) {
          return status(
            res,
            409,
            "Conflict",
            "the object has been modified; please apply your changes to the latest version",
          );
        }
        const check = validateManifest(obj);
        if (!check.valid)
          return status(res, check.errors[0]?.includes("not served") ? 404 : 422, "Invalid", check.errors.join("; "));
        const merged = stored ? deepMerge(stored, obj) : obj;
        merged.metadata = { ...merged.metadata, namespace: ns, resourceVersion: String(++rv) };
        objects.set(key, merged);
        return json(res, stored ? 200 : 201, merged);
      }
      if (ct === "application/merge-patch+json") {
        if (!stored) return status(res, 404, "NotFound", `${plural} "${name}" not found`);
        const patch = JSON.parse(body);
        const merged = mergePatch(stored, sub ? { status: patch.status } : { ...patch, status: undefined });
        merged.metadata.resourceVersion = String(++rv);
        objects.set(key, merged);
        return json(res, 200, merged);
      }
      return status(res, 415, "UnsupportedMediaType", `unsupported content type ${ct}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = [
    "apiVersion: v1",
    "kind: Config",
    "current-context: fake",
    "clusters:",
    "- name: fake",
    "  cluster:",
    `    server: ${url}`,
    "users:",
    "- name: sy",
    "  user:",
    `    token: ${token}`,
    "contexts:",
    "- name: fake",
    "  context:",
    "    cluster: fake",
    "    user: sy",
  ].join("\n");

  return {
    url,
    kubeconfig,
    objects,
    requests,
    /** Next requests fail with these statuses (or hang), in order. */
    fail: (...f: Fault[]) => faults.push(...f),
    /** Stored object whose key ends with plural/name. */
    find: (plural: string, name: string) => [...objects.entries()].find(([k]) => k.endsWith(`/${plural}/${name}`))?.[1],
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function json(res: http.ServerResponse, code: number, body: unknown) {
  res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
}
function status(res: http.ServerResponse, code: number, reason: string, message: string) {
  json(res, code, { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message });
}
/** Applied maps merge, lists replace (atomic), like SSA for the fields one manager owns. */
function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && a[k] && typeof a[k] === "object" && !Array.isArray(a[k])
        ? deepMerge(a[k], v)
        : v;
  }
  return out;
}
/** RFC 7386 JSON merge patch. */
function mergePatch(target: Obj, patch: Obj): Obj {
  const out: Obj = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else if (typeof v === "object" && !Array.isArray(v))
      out[k] = mergePatch(typeof out[k] === "object" && out[k] ? out[k] : {}, v);
    else out[k] = v;
  }
  return out;
}
