// Router registry: RouterKind → adapter factory, a database row → the decrypted RouterTarget the
// adapters take, and per-kind checks of what an admin registers (endpoint, settings, secret).
// No "server-only": the controller process builds its adapters here too.
//
// Secrets: builtin = admin bearer token, webhook = HMAC key, Kubernetes kinds = a kubeconfig YAML
// (settings are shown to every reader, so a kubeconfig never goes there), HAProxy and NGINX none.
import { z } from "zod";
import type { Router, RouterType } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { BadRequestError } from "@/lib/errors";
import { createArgoRolloutsAdapter } from "./argo-rollouts";
import { createBuiltinAdapter } from "./builtin";
import { createGatewayApiAdapter } from "./gateway-api";
import { createHaproxyAdapter, parseHaproxySettings } from "./haproxy";
import { parseRuntimeEndpoint } from "./haproxy-runtime";
import { createIstioAdapter } from "./istio";
import { renderManifests } from "./k8s/render-manifests";
import { dnsLabel } from "./k8s/routing-model";
import {
  argoRolloutsSettingsSchema,
  gatewayApiSettingsSchema,
  istioSettingsSchema,
  smiSettingsSchema,
} from "./k8s/settings";
import { createNginxAdapter, NGINX_HOST_ONLY_SETTINGS, parseNginxSettings } from "./nginx";
import { createSmiAdapter } from "./smi";
import type { RouterAdapter, RouterKind, RouterTarget, RoutingConfig } from "./types";
import { createWebhookAdapter, webhookSettingsSchema } from "./webhook";

export { ROUTER_KINDS } from "./schemas";

export const KUBERNETES_KINDS: readonly RouterKind[] = ["istio", "gateway_api", "smi", "argo_rollouts"];

const FACTORIES: Record<RouterKind, (target: RouterTarget) => RouterAdapter> = {
  builtin: createBuiltinAdapter,
  haproxy: createHaproxyAdapter,
  nginx: createNginxAdapter,
  istio: (t) => createIstioAdapter(withKubeconfig(t)),
  gateway_api: (t) => createGatewayApiAdapter(withKubeconfig(t)),
  smi: (t) => createSmiAdapter(withKubeconfig(t)),
  argo_rollouts: (t) => createArgoRolloutsAdapter(withKubeconfig(t)),
  webhook: createWebhookAdapter,
};

/** The adapter for a target; throws RouterError("invalid_config") when its settings don't parse. */
export function createRouterAdapter(target: RouterTarget): RouterAdapter {
  return FACTORIES[target.kind](target);
}

/** Prisma's RouterType and RouterKind spell every kind the same; the table keeps both exhaustive. */
const KIND_OF_TYPE: Record<RouterType, RouterKind> = {
  builtin: "builtin",
  haproxy: "haproxy",
  nginx: "nginx",
  istio: "istio",
  gateway_api: "gateway_api",
  smi: "smi",
  argo_rollouts: "argo_rollouts",
  webhook: "webhook",
};

export function routerKindFromType(type: RouterType): RouterKind {
  return KIND_OF_TYPE[type];
}

export function isKubernetesKind(kind: RouterKind): boolean {
  return KUBERNETES_KINDS.includes(kind);
}

export type RouterRow = Pick<Router, "id" | "name" | "type" | "endpoint" | "settings" | "secretEncrypted">;

/** What an adapter needs, with the secret decrypted (throws SecretBoxError with a wrong key). */
export function routerTargetFromRow(row: RouterRow, key?: Buffer): RouterTarget {
  const settings =
    row.settings && typeof row.settings === "object" && !Array.isArray(row.settings)
      ? (row.settings as Record<string, unknown>)
      : {};
  return {
    id: row.id,
    name: row.name,
    kind: routerKindFromType(row.type),
    endpoint: row.endpoint,
    settings,
    secret: row.secretEncrypted ? decryptSecret(row.secretEncrypted, key) : null,
  };
}

/** "Show manifest": the YAML the adapter would server-side apply for `config`, for GitOps. The
 * object name defaults to "switchyard-<router name>" exactly as the adapters name it. */
export function renderRouterManifest(
  target: Pick<RouterTarget, "kind" | "name" | "settings">,
  config: RoutingConfig,
): string {
  const settings = { ...target.settings };
  if (target.kind !== "argo_rollouts" && settings.name === undefined)
    settings.name = `switchyard-${dnsLabel(target.name)}`;
  delete settings.kubeconfig;
  return renderManifests(target.kind, config, settings);
}

// ---- registration checks -------------------------------------------------------------------

const timeoutMs = z.number().int().positive().max(120_000);

const builtinSettingsSchema = z
  .object({
    /** Data-plane URL clients call, shown on the routers page. */
    dataUrl: z.url().optional(),
    timeoutMs: timeoutMs.optional(),
  })
  .strict();

const HAPROXY_KEYS = ["backend", "servers", "timeoutMs"];
const NGINX_KEYS = [
  "configPath",
  "mainConfigPath",
  "upstreamName",
  "statusUrl",
  "pidFile",
  "prefix",
  "reloadTimeoutMs",
  "upstreamDirectives",
];

const noKubeconfig = (schema: z.ZodObject) =>
  schema.strict().superRefine((s, ctx) => {
    if ("kubeconfig" in s)
      ctx.addIssue({
        code: "custom",
        path: ["kubeconfig"],
        message: "Put the kubeconfig in the secret field: settings are visible to every reader",
      });
  });

/** Per-kind settings schemas for the registration form and API: unknown keys are refused (a typo
 * would otherwise be ignored silently); HAProxy and NGINX reuse their adapters' own parsers. */
export const routerSettingsSchemas: Record<RouterKind, z.ZodType<Record<string, unknown>>> = {
  builtin: builtinSettingsSchema,
  haproxy: fromParser(parseHaproxySettings, HAPROXY_KEYS),
  nginx: fromParser(parseNginxSettings, NGINX_KEYS, NGINX_HOST_ONLY_SETTINGS),
  istio: noKubeconfig(istioSettingsSchema),
  gateway_api: noKubeconfig(gatewayApiSettingsSchema),
  smi: noKubeconfig(smiSettingsSchema),
  argo_rollouts: noKubeconfig(argoRolloutsSettingsSchema),
  webhook: webhookSettingsSchema.strict(),
};

export interface RegistrationIssue {
  /** "endpoint", "secret" or "settings.<field>" */
  name: string;
  reason: string;
}

/** Checks a registration against its kind: endpoint form, settings, and whether a secret is needed.
 * `hasSecret` is true when a secret is sent now or one is stored already. Empty when valid. */
export function checkRouterRegistration(input: {
  kind: RouterKind;
  endpoint: string;
  settings: Record<string, unknown>;
  hasSecret: boolean;
}): RegistrationIssue[] {
  const issues: RegistrationIssue[] = [];
  const endpointProblem = checkEndpoint(input.kind, input.endpoint);
  if (endpointProblem) issues.push({ name: "endpoint", reason: endpointProblem });
  const parsed = routerSettingsSchemas[input.kind].safeParse(input.settings);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const keys = i.code === "unrecognized_keys" ? (i as { keys: string[] }).keys : [];
      const path = keys.length ? keys.join(",") : i.path.join(".");
      issues.push({
        name: path ? `settings.${path}` : "settings",
        reason: keys.length ? `Unknown setting for ${input.kind} routers` : i.message,
      });
    }
  }
  if (SECRET_REQUIRED[input.kind] && !input.hasSecret)
    issues.push({ name: "secret", reason: SECRET_REQUIRED[input.kind]! });
  return issues;
}

/** checkRouterRegistration as a 400 naming each field (BadRequestError with invalidParams). */
export function assertRouterRegistration(input: Parameters<typeof checkRouterRegistration>[0]): void {
  const issues = checkRouterRegistration(input);
  if (issues.length)
    throw new BadRequestError(
      `Invalid ${input.kind} router: ${issues.map((i) => `${i.name}: ${i.reason}`).join("; ")}`,
      issues,
    );
}

const SECRET_REQUIRED: Partial<Record<RouterKind, string>> = {
  builtin: "The built-in router's admin token (SWITCHYARD_ROUTER_TOKEN of that router) is required",
  webhook: "A signing secret is required: the receiver verifies every request with it",
};

function checkEndpoint(kind: RouterKind, endpoint: string): string | null {
  if (kind === "builtin" || kind === "webhook") {
    try {
      const u = new URL(endpoint);
      return u.protocol === "http:" || u.protocol === "https:" ? null : "Must be an http:// or https:// URL";
    } catch {
      return "Must be an http:// or https:// URL";
    }
  }
  if (kind === "haproxy") {
    try {
      parseRuntimeEndpoint(endpoint);
      return null;
    } catch (e) {
      return (e as Error).message.replace(/^HAProxy endpoint .*?: /, "Runtime API address: ");
    }
  }
  return endpoint.trim() ? null : "Required";
}

/** Kubernetes adapters read credentials from settings.kubeconfig; Switchyard keeps it in the secret. */
function withKubeconfig(target: RouterTarget): RouterTarget {
  return target.secret ? { ...target, settings: { ...target.settings, kubeconfig: target.secret } } : target;
}

/** Wraps an adapter's hand-written parser as a zod schema; its "settings.<field> ..." message names the field. */
function fromParser(
  parse: (s: Record<string, unknown>) => unknown,
  known: string[],
  refusedByParser: readonly string[] = [],
): z.ZodType<Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).superRefine((s, ctx) => {
    const unknown = Object.keys(s).filter((k) => !known.includes(k) && !refusedByParser.includes(k));
    if (unknown.length)
      ctx.addIssue({
        code: "unrecognized_keys",
        keys: unknown,
        input: s,
        message: `Unrecognized key(s): ${unknown.join(", ")}`,
      });
    try {
      parse(s);
    } catch (e) {
      const message = (e as Error).message;
      const field = /settings\.([A-Za-z0-9_.]+)/.exec(message)?.[1];
      const reason = message.replace(/^settings\.[A-Za-z0-9_.]+ /, "");
      ctx.addIssue({
        code: "custom",
        path: field ? field.split(".") : [],
        message: reason.charAt(0).toUpperCase() + reason.slice(1),
      });
    }
  });
}
