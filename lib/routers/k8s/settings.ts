// Router settings for the Kubernetes adapters (RouterTarget.settings), one schema per kind.
// Parsed once when the adapter is created; a bad setting is an invalid_config RouterError.
import { z } from "zod";
import { RouterError } from "@/lib/routers/types";

const stringMap = z.record(z.string(), z.string());

/** Connection and naming settings every Kubernetes adapter shares. */
export const kubeSettingsSchema = z.object({
  namespace: z.string().min(1).default("default"),
  /** Name of the generated object(s); default "switchyard-<system>". */
  name: z.string().min(1).optional(),
  /** A kubeconfig YAML document; otherwise inCluster, otherwise the default loading rules. */
  kubeconfig: z.string().optional(),
  context: z.string().optional(),
  inCluster: z.boolean().optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Extra labels on generated objects. */
  labels: stringMap.optional(),
});

export const istioSettingsSchema = kubeSettingsSchema.extend({
  /** The mesh host of the model service, e.g. "fraud-model.ml.svc.cluster.local". */
  host: z.string().min(1),
  /** VirtualService hosts; default [host]. */
  hosts: z.array(z.string().min(1)).optional(),
  gateways: z.array(z.string().min(1)).optional(),
  /** Destination port, when the service exposes several. */
  port: z.number().int().min(1).max(65535).optional(),
  /** Pod label that tells variants apart; each subset selects <subsetLabel>: <variant.version>. */
  subsetLabel: z.string().min(1).default("version"),
  /** Per-variant label override: { challenger: { version: "v7-canary" } }. */
  subsetLabels: z.record(z.string(), stringMap).optional(),
  destinationRuleName: z.string().min(1).optional(),
});

export const gatewayApiSettingsSchema = kubeSettingsSchema.extend({
  /** Gateway(s) or, for GAMMA meshes such as Linkerd, the Service the route attaches to. */
  parentRefs: z.array(z.record(z.string(), z.unknown())).min(1),
  hostnames: z.array(z.string().min(1)).optional(),
  /** Backend Service per variant key; default "<serviceName>-<key>". */
  services: stringMap.optional(),
  serviceName: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535),
});

export const smiSettingsSchema = kubeSettingsSchema.extend({
  apiVersion: z
    .enum(["split.smi-spec.io/v1alpha4", "split.smi-spec.io/v1alpha2"])
    .default("split.smi-spec.io/v1alpha4"),
  /** The apex (root) Service clients call. */
  service: z.string().min(1),
  services: stringMap.optional(),
  serviceName: z.string().min(1).optional(),
});

export const argoRolloutsSettingsSchema = kubeSettingsSchema.extend({
  /** The Rollout Switchyard drives; it owns only the canary steps and its annotations. */
  rolloutName: z.string().min(1),
  /** Planned challenger weights in percent; the desired weight is always added. */
  canarySteps: z.array(z.number().int().min(0).max(100)).default([1, 10, 50, 100]),
  /** When set, the generated Rollout is complete (workloadRef to a Deployment) and can be created. */
  workloadRef: z
    .object({
      apiVersion: z.string().default("apps/v1"),
      kind: z.string().default("Deployment"),
      name: z.string().min(1),
      scaleDown: z.string().optional(),
    })
    .optional(),
  selector: z.object({ matchLabels: stringMap }).optional(),
  replicas: z.number().int().min(0).optional(),
  canaryService: z.string().min(1).optional(),
  stableService: z.string().min(1).optional(),
  /** Passed through to spec.strategy.canary.trafficRouting (needed for header/mirror routes). */
  trafficRouting: z.record(z.string(), z.unknown()).optional(),
});

export type KubeSettings = z.infer<typeof kubeSettingsSchema>;
export type IstioSettings = z.infer<typeof istioSettingsSchema>;
export type GatewayApiSettings = z.infer<typeof gatewayApiSettingsSchema>;
export type SmiSettings = z.infer<typeof smiSettingsSchema>;
export type ArgoRolloutsSettings = z.infer<typeof argoRolloutsSettingsSchema>;

/** Parses settings or throws RouterError("invalid_config") naming the bad fields. */
export function parseSettings<S extends z.ZodType>(schema: S, settings: unknown, kind: string): z.infer<S> {
  const r = schema.safeParse(settings ?? {});
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`).join("; ");
    throw new RouterError(`${kind} router settings are invalid: ${detail}`, "invalid_config");
  }
  return r.data;
}

/** Service name for a variant: explicit map first, then "<serviceName or system>-<key>". */
export function serviceFor(
  s: { services?: Record<string, string>; serviceName?: string },
  system: string,
  key: string,
): string {
  return s.services?.[key] ?? `${s.serviceName ?? system}-${key}`;
}
