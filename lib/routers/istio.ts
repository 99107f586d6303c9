// Istio adapter: server-side applies a DestinationRule (subsets first, so the VirtualService
// never points at a missing subset) and then the VirtualService; reads weights back from the
// live VirtualService's default route.
import type { AppliedState, RouterAdapter, RouterTarget, RoutingConfig } from "@/lib/routers/types";
import { istioDestinationRule, istioVirtualService, readIstioState, ISTIO_API_VERSION } from "./k8s/istio-manifests";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { applyFenced, kubeHealth, withStableName } from "./k8s/kube-resource";
import { istioSettingsSchema, parseSettings } from "./k8s/settings";

/** settings: see istioSettingsSchema (namespace, host, name?, kubeconfig?, subsetLabel?...). */
export function createIstioAdapter(target: RouterTarget): RouterAdapter {
  const s = withStableName(parseSettings(istioSettingsSchema, target.settings, "istio"), target.name);
  const client = KubeClient.fromSettings(s);
  const vsRef: ResourceRef = {
    apiVersion: ISTIO_API_VERSION,
    plural: "virtualservices",
    namespace: s.namespace,
    name: s.name,
  };
  return {
    kind: "istio",
    async apply(config: RoutingConfig) {
      const dr = istioDestinationRule(config, s);
      const vs = istioVirtualService(config, s);
      await applyFenced(client, { ...vsRef, plural: "destinationrules", name: dr.metadata.name }, dr, config);
      await applyFenced(client, vsRef, vs, config);
    },
    async readBack(): Promise<AppliedState> {
      const live = await client.get(vsRef);
      return live ? readIstioState(live) : { version: null, weights: {} };
    },
    health: () => kubeHealth(client, vsRef),
  };
}
