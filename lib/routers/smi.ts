// SMI adapter: server-side applies one TrafficSplit (v1alpha4 by default, v1alpha2 selectable)
// and reads the backend weights back. Weight-only: rules and mirroring are refused.
import type { RouterAdapter, RouterTarget } from "@/lib/routers/types";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { singleResourceAdapter, withStableName } from "./k8s/kube-resource";
import { parseSettings, smiSettingsSchema } from "./k8s/settings";
import { readTrafficSplitState, trafficSplit } from "./k8s/trafficsplit-manifest";

/** settings: see smiSettingsSchema (namespace, service, services?, apiVersion?, name?...). */
export function createSmiAdapter(target: RouterTarget): RouterAdapter {
  const s = withStableName(parseSettings(smiSettingsSchema, target.settings, "smi"), target.name);
  const ref: ResourceRef = { apiVersion: s.apiVersion, plural: "trafficsplits", namespace: s.namespace, name: s.name };
  return singleResourceAdapter({
    kind: "smi",
    client: KubeClient.fromSettings(s),
    ref,
    render: (config) => trafficSplit(config, s),
    read: readTrafficSplitState,
  });
}
