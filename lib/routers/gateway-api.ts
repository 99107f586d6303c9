// Gateway API adapter (Envoy Gateway, Linkerd and other GAMMA meshes): server-side applies one
// HTTPRoute and reads the weights back from its default rule.
import type { AppliedState, RouterAdapter, RouterTarget, RoutingConfig } from "@/lib/routers/types";
import { GATEWAY_API_VERSION, httpRoute, readHttpRouteState } from "./k8s/httproute-manifest";
import { dnsLabel } from "./k8s/routing-model";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { applyFenced, kubeHealth } from "./k8s/kube-resource";
import { gatewayApiSettingsSchema, parseSettings } from "./k8s/settings";

/** settings: see gatewayApiSettingsSchema (namespace, parentRefs, port, services?, name?...). */
export function createGatewayApiAdapter(target: RouterTarget): RouterAdapter {
  const parsed = parseSettings(gatewayApiSettingsSchema, target.settings, "gateway_api");
  // The object name must not depend on the config, or a restarted adapter could not read back.
  const s = { ...parsed, name: parsed.name ?? `switchyard-${dnsLabel(target.name)}` };
  const client = KubeClient.fromSettings(s);
  const ref: ResourceRef = { apiVersion: GATEWAY_API_VERSION, plural: "httproutes", namespace: s.namespace, name: s.name };
  return {
    kind: "gateway_api",
    async apply(config: RoutingConfig) {
      const route = httpRoute(config, s);
      await applyFenced(client, ref, route, config);
    },
    async readBack(): Promise<AppliedState> {
      const live = await client.get(ref);
      return live ? readHttpRouteState(live) : { version: null, weights: {} };
    },
    health: () => kubeHealth(client, ref),
  };
}
