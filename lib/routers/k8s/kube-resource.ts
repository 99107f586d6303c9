// Shared steps of the Kubernetes adapters: fenced server-side apply and health.
import {
  RouterError,
  type AppliedState,
  type RouterAdapter,
  type RouterHealthReport,
  type RouterKind,
  type RoutingConfig,
} from "@/lib/routers/types";
import { ANNOTATION_EPOCH, ANNOTATION_VERSION, dnsLabel } from "./routing-model";
import type { KubeClient, ResourceRef } from "./kube-client";
import type { KubeObject } from "./kube-object";

type Obj = KubeObject;

/**
 * Refuses a config older than what the live object carries (epoch first: a deposed leader gets
 * stale_epoch), then applies with the live resourceVersion as a precondition, so a concurrent
 * writer between our GET and PATCH turns into a 409 instead of a lost update.
 */
export async function applyFenced(
  client: KubeClient,
  ref: ResourceRef,
  manifest: Obj,
  config: RoutingConfig,
): Promise<Obj> {
  const live = await client.get(ref);
  assertFresh(live, config, `${ref.plural}/${ref.name}`);
  const body = structuredClone(manifest);
  if (live?.metadata?.resourceVersion) body.metadata.resourceVersion = live.metadata.resourceVersion;
  return client.apply(ref, body);
}

export function assertFresh(live: Obj | null, config: RoutingConfig, what: string): void {
  const a = live?.metadata?.annotations ?? {};
  const epoch = Number(a[ANNOTATION_EPOCH]);
  const version = Number(a[ANNOTATION_VERSION]);
  if (a[ANNOTATION_EPOCH] !== undefined && epoch > config.epoch) {
    throw new RouterError(`${what} carries epoch ${epoch}, newer than ${config.epoch}`, "stale_epoch", false);
  }
  if (a[ANNOTATION_VERSION] !== undefined && version > config.version) {
    throw new RouterError(
      `${what} serves config version ${version}, newer than ${config.version}`,
      "stale_version",
      false,
    );
  }
}

/** healthy = API reachable and the object exists; degraded = reachable but not created yet. */
export async function kubeHealth(client: KubeClient, ref: ResourceRef): Promise<RouterHealthReport> {
  const t0 = performance.now();
  try {
    const live = await client.get(ref);
    const latencyMs = Math.round(performance.now() - t0);
    if (!live)
      return { status: "degraded", detail: `${ref.plural}/${ref.name} not found in ${ref.namespace}`, latencyMs };
    return { status: "healthy", latencyMs };
  } catch (e) {
    return { status: "down", detail: (e as Error).message, latencyMs: Math.round(performance.now() - t0) };
  }
}

/** The object name must not depend on the config, or a restarted adapter could not read back. */
export function withStableName<S extends { name?: string }>(settings: S, routerName: string): S & { name: string } {
  return { ...settings, name: settings.name ?? `switchyard-${dnsLabel(routerName)}` };
}

/** An adapter over one custom resource: render the config, apply it fenced, read the live object back. */
export function singleResourceAdapter({
  kind,
  client,
  ref,
  render,
  read,
}: {
  kind: RouterKind;
  client: KubeClient;
  ref: ResourceRef;
  render: (config: RoutingConfig) => Obj;
  read: (live: Obj) => AppliedState;
}): RouterAdapter {
  return {
    kind,
    async apply(config: RoutingConfig) {
      await applyFenced(client, ref, render(config), config);
    },
    async readBack(): Promise<AppliedState> {
      const live = await client.get(ref);
      return live ? read(live) : { version: null, weights: {} };
    },
    health: () => kubeHealth(client, ref),
  };
}
