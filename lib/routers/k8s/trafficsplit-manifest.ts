// SMI TrafficSplit (v1alpha4 or v1alpha2) for a RoutingConfig. Pure. A TrafficSplit only splits
// by weight: header overrides, targeting rules and mirroring need HTTPRouteGroup/other CRDs, so a
// config with rules or a mirror is refused (use the Gateway API adapter for Linkerd instead).
import { RouterError, type AppliedState, type RoutingConfig } from "@/lib/routers/types";
import {
  ANNOTATION_VARIANTS,
  MANAGED_BY,
  dnsLabel,
  effectiveWeights,
  fromRelative,
  switchyardAnnotations,
  variantsFromAnnotations,
  versionFromAnnotations,
} from "./routing-model";
import { serviceFor, type SmiSettings } from "./settings";
import type { KubeObject } from "./kube-object";

type Obj = KubeObject;

/** backends[].weight carries the basis points themselves (the field is a plain number). */
export function trafficSplit(config: RoutingConfig, s: SmiSettings): Obj {
  const weights = effectiveWeights(config);
  if (!config.killSwitch && (config.rules.length > 0 || config.mirror)) {
    throw new RouterError("SMI TrafficSplit cannot express targeting rules or mirroring", "invalid_config");
  }
  return {
    apiVersion: s.apiVersion,
    kind: "TrafficSplit",
    metadata: {
      name: s.name ?? `switchyard-${dnsLabel(config.system)}`,
      namespace: s.namespace,
      labels: { ...MANAGED_BY, ...(s.labels ?? {}) },
      annotations: {
        ...switchyardAnnotations(config, weights),
        [ANNOTATION_VARIANTS]: JSON.stringify(
          Object.fromEntries(config.variants.map((v) => [v.key, serviceFor(s, config.system, v.key)])),
        ),
      },
    },
    spec: {
      service: s.service,
      backends: Object.entries(weights).map(([k, weight]) => ({ service: serviceFor(s, config.system, k), weight })),
    },
  };
}

export function readTrafficSplitState(ts: Obj): AppliedState {
  const serviceToVariant = Object.fromEntries(
    Object.entries(variantsFromAnnotations(ts?.metadata?.annotations)).map(([k, v]) => [v, k]),
  );
  const rel: Record<string, number> = {};
  for (const b of (ts?.spec?.backends ?? []) as Obj[]) {
    const key = serviceToVariant[b.service] ?? b.service;
    rel[key] = (rel[key] ?? 0) + Number(b.weight ?? 0);
  }
  return {
    version: versionFromAnnotations(ts?.metadata?.annotations),
    weights: fromRelative(rel) ?? Object.fromEntries(Object.keys(rel).map((k) => [k, 0])),
  };
}
