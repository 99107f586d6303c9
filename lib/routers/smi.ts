// SMI adapter: server-side applies one TrafficSplit (v1alpha4 by default, v1alpha2 selectable)
// and reads the backend weights back. Weight-only: rules and mirroring are refused.
import type { AppliedState, RouterAdapter, RouterTarget, RoutingConfig } from "@/lib/routers/types";
import { dnsLabel } from "./k8s/routing-model";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { applyFenced, kubeHealth } from "./k8s/kube-resource";
import { parseSettings, smiSettingsSchema } from "./k8s/settings";
import { readTrafficSplitState, trafficSplit } from "./k8s/trafficsplit-manifest";

/** settings: see smiSettingsSchema (namespace, service, services?, apiVersion?, name?...). */
export function createSmiAdapter(target: RouterTarget): RouterAdapter {
  const parsed = parseSettings(smiSettingsSchema, target.settings, "smi");
  // The object name must not depend on the config, or a restarted adapter could not read back.
  const s = { ...parsed, name: parsed.name ?? `switchyard-${dnsLabel(target.name)}` };
  const client = KubeClient.fromSettings(s);
  const ref: ResourceRef = { apiVersion: s.apiVersion, plural: "trafficsplits", namespace: s.namespace, name: s.name };
  return {
    kind: "smi",
    async apply(config: RoutingConfig) {
      const ts = trafficSplit(config, s);
      await applyFenced(client, ref, ts, config);
    },
    async readBack(): Promise<AppliedState> {
      const live = await client.get(ref);
      return live ? readTrafficSplitState(live) : { version: null, weights: {} };
    },
    health: () => kubeHealth(client, ref),
  };
}
