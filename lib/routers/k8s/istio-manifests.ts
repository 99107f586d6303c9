// Istio VirtualService + DestinationRule for a RoutingConfig. Pure.
// Route order is precedence: header override per variant, targeting rules, mirrored (shadow-safe)
// paths, then the weighted default. Istio picks a weighted destination per request, so an A/B split
// is not sticky here; sticky clients must carry their assignment in the override header.
import { RouterError, type AppliedState, type RoutingConfig, type Weights } from "@/lib/routers/types";
import {
  ANNOTATION_WEIGHTS,
  MANAGED_BY,
  assertLabelValue,
  dnsLabel,
  effectiveWeights,
  expandConditions,
  reconcileReadBack,
  ruleWeights,
  switchyardAnnotations,
  toPercents,
  versionFromAnnotations,
  type AtomicMatch,
} from "./routing-model";
import type { IstioSettings } from "./settings";
import type { KubeObject } from "./kube-object";

export const ISTIO_API_VERSION = "networking.istio.io/v1";
export const DEFAULT_ROUTE_NAME = "default";

type Obj = KubeObject;

export function istioObjectName(config: RoutingConfig, s: { name?: string }): string {
  return s.name ?? `switchyard-${dnsLabel(config.system)}`;
}

/** VirtualService: weights as integer percents summing to 100 (largest remainder rounding). */
export function istioVirtualService(config: RoutingConfig, s: IstioSettings): Obj {
  const weights = effectiveWeights(config);
  const dest = (key: string, weight?: number): Obj => ({
    destination: { host: s.host, subset: key, ...(s.port ? { port: { number: s.port } } : {}) },
    ...(weight === undefined ? {} : { weight }),
  });
  const weighted = (w: Weights) => Object.entries(toPercents(w)).map(([k, p]) => dest(k, p));
  const http: Obj[] = [];
  if (!config.killSwitch) {
    for (const v of config.variants) {
      http.push({
        name: `override-${v.key}`,
        match: [{ headers: { [config.overrideHeader.toLowerCase()]: { exact: v.key } } }],
        route: [dest(v.key)],
      });
    }
    for (const rule of config.rules) {
      http.push({
        name: `rule-${dnsLabel(rule.id)}`,
        match: expandConditions(rule.conditions).map(toIstioMatch),
        route: weighted(ruleWeights(rule, weights)),
      });
    }
    const m = config.mirror;
    if (m && m.routes.length > 0 && m.sampleBasisPoints > 0) {
      http.push({
        name: "shadow",
        match: m.routes.map((r) => ({ uri: { prefix: r } })),
        route: weighted(weights),
        mirror: { host: s.host, subset: m.variant, ...(s.port ? { port: { number: s.port } } : {}) },
        mirrorPercentage: { value: m.sampleBasisPoints / 100 },
      });
    }
  }
  http.push({ name: DEFAULT_ROUTE_NAME, route: weighted(weights) });
  return {
    apiVersion: ISTIO_API_VERSION,
    kind: "VirtualService",
    metadata: meta(config, s, istioObjectName(config, s), weights),
    spec: { hosts: s.hosts ?? [s.host], ...(s.gateways ? { gateways: s.gateways } : {}), http },
  };
}

/** DestinationRule: one subset per variant, selected by the `version` label (or subsetLabels). */
export function istioDestinationRule(config: RoutingConfig, s: IstioSettings): Obj {
  const subsets = config.variants.map((v) => ({
    name: v.key,
    labels: s.subsetLabels?.[v.key] ?? { [s.subsetLabel]: assertLabelValue(v.version, `version of ${v.key}`) },
  }));
  return {
    apiVersion: ISTIO_API_VERSION,
    kind: "DestinationRule",
    metadata: meta(config, s, s.destinationRuleName ?? istioObjectName(config, s), effectiveWeights(config)),
    spec: { host: s.host, subsets },
  };
}

/** Weights the live VirtualService's default route serves, and the config version it carries. */
export function readIstioState(vs: Obj): AppliedState {
  const http = (vs?.spec?.http ?? []) as Obj[];
  const route = http.find((r) => r.name === DEFAULT_ROUTE_NAME) ?? http.find((r) => !r.match);
  const percents: Record<string, number> = {};
  const dests = (route?.route ?? []) as Obj[];
  for (const d of dests) {
    const key = d.destination?.subset ?? d.destination?.host;
    percents[key] = (percents[key] ?? 0) + (d.weight ?? (dests.length === 1 ? 100 : 0));
  }
  const live = Object.fromEntries(Object.entries(percents).map(([k, p]) => [k, p * 100]));
  const annotations = vs?.metadata?.annotations;
  return {
    version: versionFromAnnotations(annotations),
    weights: annotations?.[ANNOTATION_WEIGHTS] ? reconcileReadBack(live, annotations, toPercents, percents) : live,
  };
}

function toIstioMatch(alt: AtomicMatch[]): Obj {
  const match: Obj = {};
  const put = (field: string, name: string, value: Obj) => {
    match[field] ??= {};
    if (match[field][name]) throw new RouterError(`two conditions on ${name} in one rule`, "invalid_config");
    match[field][name] = value;
  };
  for (const a of alt) {
    const positive = a.op === "exact" || a.op === "prefix" || a.op === "regex";
    const sm = { [a.op === "not_exact" ? "exact" : a.op === "not_regex" ? "regex" : a.op]: a.value };
    if (a.on === "header") put(positive ? "headers" : "withoutHeaders", a.name, sm);
    else if (!positive) throw new RouterError(`Istio cannot negate a ${a.on} match`, "invalid_config");
    else if (a.on === "query") put("queryParams", a.name, sm);
    else if (match.uri) throw new RouterError("two path conditions in one rule", "invalid_config");
    else match.uri = sm;
  }
  return match;
}

function meta(config: RoutingConfig, s: IstioSettings, name: string, weights: Weights): Obj {
  return {
    name,
    namespace: s.namespace,
    labels: { ...MANAGED_BY, ...(s.labels ?? {}) },
    annotations: switchyardAnnotations(config, weights),
  };
}
