// Gateway API adapter (Envoy Gateway, Linkerd and other GAMMA meshes): server-side applies one
// HTTPRoute and reads the weights back from its default rule.
import type { RouterAdapter, RouterTarget } from "@/lib/routers/types";
import { GATEWAY_API_VERSION, httpRoute, readHttpRouteState } from "./k8s/httproute-manifest";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { singleResourceAdapter, withStableName } from "./k8s/kube-resource";
import { gatewayApiSettingsSchema, parseSettings } from "./k8s/settings";

/** settings: see gatewayApiSettingsSchema (namespace, parentRefs, port, services?, name?...). */
export function createGatewayApiAdapter(target: RouterTarget): RouterAdapter {
  const s = withStableName(parseSettings(gatewayApiSettingsSchema, target.settings, "gateway_api"), target.name);
  const ref: ResourceRef = {
    apiVersion: GATEWAY_API_VERSION,
    plural: "httproutes",
    namespace: s.namespace,
    name: s.name,
  };
  return singleResourceAdapter({
    kind: "gateway_api",
    client: KubeClient.fromSettings(s),
    ref,
    render: (config) => httpRoute(config, s),
    read: readHttpRouteState,
  });
}
