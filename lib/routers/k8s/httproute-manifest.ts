// Gateway API HTTPRoute for a RoutingConfig. Pure. Works for Gateway implementations (Envoy
// Gateway) and GAMMA meshes (Linkerd: parentRef to the Service). Weights are the basis points
// divided by their gcd, so the live ratios are exact. Gateway API has no negative matches, so
// not_equals / not_in rules are refused rather than approximated.
import { RouterError, type AppliedState, type RoutingConfig, type Weights } from "@/lib/routers/types";
import {
  ANNOTATION_VARIANTS,
  MANAGED_BY,
  dnsLabel,
  effectiveWeights,
  escapeRegex,
  expandConditions,
  fromRelative,
  ruleWeights,
  switchyardAnnotations,
  toRelative,
  variantsFromAnnotations,
  versionFromAnnotations,
  type AtomicMatch,
} from "./routing-model";
import { serviceFor, type GatewayApiSettings } from "./settings";
import type { KubeObject } from "./kube-object";

export const GATEWAY_API_VERSION = "gateway.networking.k8s.io/v1";
const MAX_RULES = 16;

type Obj = KubeObject;

export function httpRoute(config: RoutingConfig, s: GatewayApiSettings): Obj {
  const weights = effectiveWeights(config);
  const svc = (key: string) => serviceFor(s, config.system, key);
  const backends = (w: Weights) =>
    Object.entries(toRelative(w)).map(([k, weight]) => ({ name: svc(k), port: s.port, weight }));
  const rules: Obj[] = [];
  if (!config.killSwitch) {
    for (const v of config.variants) {
      rules.push({
        name: `override-${dnsLabel(v.key)}`,
        matches: [{ headers: [{ type: "Exact", name: config.overrideHeader.toLowerCase(), value: v.key }] }],
        backendRefs: [{ name: svc(v.key), port: s.port }],
      });
    }
    for (const rule of config.rules) {
      rules.push({
        name: `rule-${dnsLabel(rule.id)}`,
        matches: expandConditions(rule.conditions).map(toGatewayMatch),
        backendRefs: backends(ruleWeights(rule, weights)),
      });
    }
    const m = config.mirror;
    if (m && m.routes.length > 0 && m.sampleBasisPoints > 0) {
      const share =
        m.sampleBasisPoints % 100 === 0
          ? { percent: m.sampleBasisPoints / 100 }
          : { fraction: { numerator: m.sampleBasisPoints, denominator: 10_000 } };
      rules.push({
        name: "shadow",
        matches: m.routes.map((r) => ({ path: { type: "PathPrefix", value: r } })),
        filters: [
          { type: "RequestMirror", requestMirror: { backendRef: { name: svc(m.variant), port: s.port }, ...share } },
        ],
        backendRefs: backends(weights),
      });
    }
  }
  rules.push({ name: "default", backendRefs: backends(weights) });
  if (rules.length > MAX_RULES)
    throw new RouterError(`HTTPRoute allows ${MAX_RULES} rules; this config needs ${rules.length}`, "invalid_config");
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: "HTTPRoute",
    metadata: {
      name: s.name ?? `switchyard-${dnsLabel(config.system)}`,
      namespace: s.namespace,
      labels: { ...MANAGED_BY, ...(s.labels ?? {}) },
      annotations: {
        ...switchyardAnnotations(config, weights),
        [ANNOTATION_VARIANTS]: JSON.stringify(Object.fromEntries(config.variants.map((v) => [v.key, svc(v.key)]))),
      },
    },
    spec: { parentRefs: s.parentRefs, ...(s.hostnames ? { hostnames: s.hostnames } : {}), rules },
  };
}

/** Weights of the live route's default rule, mapped back from Service names to variant keys. */
export function readHttpRouteState(route: Obj): AppliedState {
  const serviceToVariant = invert(variantsFromAnnotations(route?.metadata?.annotations));
  const rules = (route?.spec?.rules ?? []) as Obj[];
  const rule = rules.find((r) => r.name === "default") ?? [...rules].reverse().find((r) => !r.matches);
  const rel: Record<string, number> = {};
  for (const b of (rule?.backendRefs ?? []) as Obj[]) {
    const key = serviceToVariant[b.name] ?? b.name;
    rel[key] = (rel[key] ?? 0) + (b.weight ?? 1);
  }
  const weights = fromRelative(rel) ?? Object.fromEntries(Object.keys(rel).map((k) => [k, 0]));
  return { version: versionFromAnnotations(route?.metadata?.annotations), weights };
}

function toGatewayMatch(alt: AtomicMatch[]): Obj {
  const match: Obj = {};
  for (const a of alt) {
    if (a.op === "not_exact" || a.op === "not_regex")
      throw new RouterError("Gateway API has no negative matches (not_equals / not_in)", "invalid_config");
    const typed =
      a.op === "exact"
        ? { type: "Exact", value: a.value }
        : { type: "RegularExpression", value: a.op === "prefix" ? `^${escapeRegex(a.value)}.*` : a.value };
    if (a.on === "path") {
      if (match.path) throw new RouterError("two path conditions in one rule", "invalid_config");
      match.path = a.op === "prefix" ? { type: "PathPrefix", value: a.value } : typed;
      continue;
    }
    const field = a.on === "header" ? "headers" : "queryParams";
    match[field] ??= [];
    if (match[field].some((x: Obj) => x.name === a.name))
      throw new RouterError(`two conditions on ${a.name} in one rule`, "invalid_config");
    match[field].push({ name: a.name, ...typed });
  }
  return match;
}

function invert(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
}
