// Kubeconfig loading for the adapters. The common cases are read here: kubeconfig YAML (token,
// tokenFile, client certs, basic auth, CA, skip-verify, tls-server-name), the in-cluster service
// account, and the default KUBECONFIG/~/.kube/config. Users with `exec` (aws eks get-token,
// gke-gcloud-auth-plugin, kubelogin...) or `auth-provider` get their credentials from
// @kubernetes/client-node's authenticators (1.x: 2.x bundles undici 8, which does not load on
// Node 20), imported lazily; its token cache keeps a plugin from running on every request.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { RequestOptions } from "node:https";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { RouterError } from "@/lib/routers/types";
import type { KubeObject } from "./kube-object";

export interface KubeConnection {
  server: string;
  tls: {
    ca?: string | Buffer;
    cert?: string | Buffer;
    key?: string | Buffer;
    rejectUnauthorized?: boolean;
    servername?: string;
  };
  /** Authorization headers, computed per request (tokens rotate). */
  headers(): Promise<Record<string, string>>;
}

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

export function loadKubeConnection(s: { kubeconfig?: string; context?: string; inCluster?: boolean }): KubeConnection {
  if (s.kubeconfig) return fromKubeconfig(s.kubeconfig, s.context, process.cwd());
  if (s.inCluster) return inCluster();
  const file = process.env.KUBECONFIG?.split(path.delimiter)[0] || path.join(os.homedir(), ".kube", "config");
  // turbopackIgnore: these paths are only known at run time; without it Next traces the whole project.
  if (fs.existsSync(/*turbopackIgnore: true*/ file))
    return fromKubeconfig(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"), s.context, path.dirname(file));
  if (process.env.KUBERNETES_SERVICE_HOST) return inCluster();
  throw new RouterError("no kubeconfig: set settings.kubeconfig or settings.inCluster", "invalid_config");
}

function inCluster(): KubeConnection {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT ?? "443";
  if (!host) throw new RouterError("inCluster is set but KUBERNETES_SERVICE_HOST is not", "invalid_config");
  return {
    server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
    tls: { ca: readOrThrow(path.join(SA_DIR, "ca.crt")) },
    headers: async () => ({ authorization: `Bearer ${readOrThrow(path.join(SA_DIR, "token")).toString().trim()}` }),
  };
}

function fromKubeconfig(text: string, contextName: string | undefined, baseDir: string): KubeConnection {
  let doc: KubeObject;
  try {
    doc = parse(text);
  } catch (e) {
    throw new RouterError(`kubeconfig is not YAML: ${(e as Error).message}`, "invalid_config");
  }
  const name = contextName ?? doc?.["current-context"];
  const ctx = (doc?.contexts ?? []).find((c: KubeObject) => c.name === name)?.context;
  if (!ctx) throw new RouterError(`kubeconfig has no context ${JSON.stringify(name)}`, "invalid_config");
  const cluster = (doc.clusters ?? []).find((c: KubeObject) => c.name === ctx.cluster)?.cluster;
  const user = (doc.users ?? []).find((u: KubeObject) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new RouterError(`kubeconfig cluster ${ctx.cluster} has no server`, "invalid_config");
  const file = (p?: string) => (p ? readOrThrow(path.resolve(baseDir, p)) : undefined);
  const data = (d?: string) => (d ? Buffer.from(d, "base64") : undefined);
  const tls: KubeConnection["tls"] = {
    ca: data(cluster["certificate-authority-data"]) ?? file(cluster["certificate-authority"]),
    cert: data(user["client-certificate-data"]) ?? file(user["client-certificate"]),
    key: data(user["client-key-data"]) ?? file(user["client-key"]),
    ...(cluster["insecure-skip-tls-verify"] ? { rejectUnauthorized: false } : {}),
    ...(cluster["tls-server-name"] ? { servername: cluster["tls-server-name"] } : {}),
  };
  for (const k of Object.keys(tls) as Array<keyof typeof tls>) if (tls[k] === undefined) delete tls[k];
  const server = String(cluster.server).replace(/\/+$/, "");
  if (user.exec || user["auth-provider"]) return { server, tls, headers: clientNodeHeaders(text, name) };
  return {
    server,
    tls,
    headers: async (): Promise<Record<string, string>> => {
      if (user.token) return { authorization: `Bearer ${user.token}` };
      if (user.tokenFile)
        return { authorization: `Bearer ${readOrThrow(path.resolve(baseDir, user.tokenFile)).toString().trim()}` };
      if (user.username)
        return { authorization: `Basic ${Buffer.from(`${user.username}:${user.password ?? ""}`).toString("base64")}` };
      return {};
    },
  };
}

/** exec / auth-provider credentials through client-node's authenticators. */
function clientNodeHeaders(text: string, context: string): () => Promise<Record<string, string>> {
  return async (): Promise<Record<string, string>> => {
    try {
      const kc = await credentialConfig(text, context);
      const opts: RequestOptions = { headers: {} };
      await kc.applyToHTTPSOptions(opts);
      const headers = (opts.headers ?? {}) as Record<string, unknown>;
      const auth = headers.Authorization ?? headers.authorization;
      return typeof auth === "string" && auth ? { authorization: auth } : {};
    } catch (e) {
      throw new RouterError(`exec/auth-provider credentials failed: ${(e as Error).message}`, "invalid_config");
    }
  };
}

// One client-node KubeConfig per kubeconfig and context, kept across requests: its authenticators
// cache the plugin's token until the expiry the plugin announced.
type KubeConfigType = import("@kubernetes/client-node").KubeConfig;
const credentialConfigs = new Map<string, KubeConfigType>();
const MAX_CREDENTIAL_CONFIGS = 32;

async function credentialConfig(text: string, context: string): Promise<KubeConfigType> {
  const key = createHash("sha256").update(context).update("\0").update(text).digest("hex");
  const cached = credentialConfigs.get(key);
  if (cached) return cached;
  const { KubeConfig } = await import("@kubernetes/client-node");
  const loaded = new KubeConfig();
  loaded.loadFromString(text);
  // Only the user's credentials are wanted here (TLS and the server come from the code above),
  // and client-node refuses a plain-http server: give it a placeholder cluster.
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: loaded.clusters.map((c) => ({ ...c, server: "https://credentials.invalid", skipTLSVerify: true })),
    users: loaded.users,
    contexts: loaded.contexts,
    currentContext: context,
  });
  if (credentialConfigs.size >= MAX_CREDENTIAL_CONFIGS)
    credentialConfigs.delete(credentialConfigs.keys().next().value!);
  credentialConfigs.set(key, kc);
  return kc;
}

function readOrThrow(p: string): Buffer {
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ p);
  } catch (e) {
    throw new RouterError(`cannot read ${p}: ${(e as Error).message}`, "invalid_config");
  }
}
