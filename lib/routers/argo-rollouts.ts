// Argo Rollouts adapter: Switchyard drives an existing Rollout (or creates one over a Deployment
// via workloadRef). apply() server-side applies the canary steps Switchyard owns, then moves the
// Rollout to the step that sets the desired weight with the status patches the kubectl plugin
// uses; the kill switch aborts. Read-back takes the weight Argo reports in status.
import {
  RouterError,
  type AppliedState,
  type RouterAdapter,
  type RouterTarget,
  type RoutingConfig,
} from "@/lib/routers/types";
import {
  ARGO_API_VERSION,
  argoAbortPatch,
  argoPlan,
  argoPromotePatches,
  argoRollout,
  argoSetStepPatch,
  readArgoRolloutState,
} from "./k8s/argo-rollout-manifest";
import { KubeClient, type ResourceRef } from "./k8s/kube-client";
import { applyFenced, assertFresh, kubeHealth } from "./k8s/kube-resource";
import { argoRolloutsSettingsSchema, parseSettings } from "./k8s/settings";
import type { KubeObject } from "./k8s/kube-object";

type Obj = KubeObject;

export interface ArgoRolloutsAdapter extends RouterAdapter {
  /** `kubectl argo rollouts promote <name>`. */
  promote(): Promise<void>;
  /** `kubectl argo rollouts abort <name>`. */
  abort(): Promise<void>;
}

/** settings: see argoRolloutsSettingsSchema (namespace, rolloutName, canarySteps?, workloadRef?...). */
export function createArgoRolloutsAdapter(target: RouterTarget): ArgoRolloutsAdapter {
  const s = parseSettings(argoRolloutsSettingsSchema, target.settings, "argo_rollouts");
  const client = KubeClient.fromSettings(s);
  const ref: ResourceRef = {
    apiVersion: ARGO_API_VERSION,
    plural: "rollouts",
    namespace: s.namespace,
    name: s.rolloutName,
  };

  /** Status subresource first; Rollouts without one (v0.9) take the patch on the object. */
  async function patchStatus(patch: Obj): Promise<void> {
    const done = await client.mergePatch(ref, patch, "status");
    if (!done && !(await client.mergePatch(ref, patch)))
      throw new RouterError(`rollout ${s.rolloutName} not found`, "refused", false);
  }

  return {
    kind: "argo_rollouts",
    async apply(config: RoutingConfig) {
      const plan = argoPlan(config, s);
      const manifest = argoRollout(config, s);
      const live = await client.get(ref);
      if (!live && !s.workloadRef) {
        throw new RouterError(
          `rollout ${s.namespace}/${s.rolloutName} not found (set settings.workloadRef to let Switchyard create it)`,
          "refused",
          false,
        );
      }
      assertFresh(live, config, `rollouts/${s.rolloutName}`);
      const applied = await applyFenced(client, ref, manifest, config);
      if (applied.spec?.paused) await client.mergePatch(ref, { spec: { paused: false } });
      if (plan.targetStepIndex === null) {
        if (!applied.status?.abort) await patchStatus(argoAbortPatch());
        return;
      }
      const patch = argoSetStepPatch(applied, plan.targetStepIndex);
      if (patch) await patchStatus(patch);
    },
    async readBack(): Promise<AppliedState> {
      const live = await client.get(ref);
      return live ? readArgoRolloutState(live) : { version: null, weights: {} };
    },
    health: () => kubeHealth(client, ref),
    async promote() {
      const live = await client.get(ref);
      if (!live) throw new RouterError(`rollout ${s.rolloutName} not found`, "refused", false);
      const { spec, status } = argoPromotePatches(live);
      if (status) await patchStatus(status);
      if (spec) await client.mergePatch(ref, spec);
    },
    async abort() {
      await patchStatus(argoAbortPatch());
    },
  };
}
