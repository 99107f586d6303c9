// Argo Rollouts: Switchyard is the approval/analysis layer above a Rollout. It owns the canary
// steps (setWeight + indefinite pause per planned weight, so Argo always waits for Switchyard) and
// moves the Rollout with the same patches `kubectl argo rollouts` sends (promote.go, abort.go,
// retry.go): status.currentStepIndex jumps to the step that sets the desired weight (Argo takes
// the weight from the last setWeight at or before the current step), status.abort for the kill
// switch. Steps must stay stable: Argo restarts the steps when their hash changes, so a desired
// weight must be one of settings.canarySteps (0 and 100 are always reachable). Pure.
import { RouterError, TOTAL_BASIS_POINTS, type AppliedState, type RoutingConfig } from "@/lib/routers/types";
import {
  ANNOTATION_VARIANTS,
  MANAGED_BY,
  effectiveWeights,
  expandConditions,
  switchyardAnnotations,
  toPercents,
  variantsFromAnnotations,
  versionFromAnnotations,
} from "./routing-model";
import type { ArgoRolloutsSettings } from "./settings";
import type { KubeObject } from "./kube-object";

export const ARGO_API_VERSION = "argoproj.io/v1alpha1";
type Obj = KubeObject;

export interface ArgoPlan {
  steps: Obj[];
  /** Step index to jump to; steps.length = fully promoted; null = abort (kill switch). */
  targetStepIndex: number | null;
  /** Challenger weight in percent that the target step sets. */
  challengerPercent: number;
}

/** The champion and the single challenger; Argo runs one canary at a time. */
export function argoVariants(config: RoutingConfig): { champion: string; challenger: string } {
  const champion = config.variants.find((v) => v.role === "champion");
  const challengers = config.variants.filter((v) => v.role === "challenger");
  if (!champion || challengers.length !== 1) {
    throw new RouterError(
      `Argo Rollouts runs one canary; this config has ${challengers.length} challengers`,
      "invalid_config",
    );
  }
  return { champion: champion.key, challenger: challengers[0].key };
}

export function argoPlan(config: RoutingConfig, s: ArgoRolloutsSettings): ArgoPlan {
  const { challenger } = argoVariants(config);
  const percent = toPercents(effectiveWeights(config))[challenger];
  const steps: Obj[] = [...routeSteps(config, s, challenger)];
  const plan = [...new Set([0, ...s.canarySteps.filter((w) => w < 100)])].sort((a, b) => a - b);
  const weightStepIndex: Record<number, number> = {};
  for (const w of plan) {
    weightStepIndex[w] = steps.length;
    steps.push({ setWeight: w }, { pause: {} });
  }
  if (config.killSwitch) return { steps, targetStepIndex: null, challengerPercent: 0 };
  if (percent === 100) return { steps, targetStepIndex: steps.length, challengerPercent: 100 };
  const idx = weightStepIndex[percent];
  if (idx === undefined) {
    throw new RouterError(
      `challenger weight ${percent}% is not a step of the Argo plan (settings.canarySteps: ${s.canarySteps.join(", ")})`,
      "invalid_config",
    );
  }
  return { steps, targetStepIndex: idx, challengerPercent: percent };
}

/**
 * The Rollout fields Switchyard owns (server-side applied with fieldManager=switchyard). With
 * settings.workloadRef it is a complete Rollout that can be created from scratch.
 */
export function argoRollout(config: RoutingConfig, s: ArgoRolloutsSettings): Obj {
  const { steps } = argoPlan(config, s);
  const { champion, challenger } = argoVariants(config);
  const canary: Obj = { steps };
  if (s.canaryService) canary.canaryService = s.canaryService;
  if (s.stableService) canary.stableService = s.stableService;
  const managed = managedRouteNames(steps);
  if (s.trafficRouting)
    canary.trafficRouting = {
      ...s.trafficRouting,
      ...(managed.length ? { managedRoutes: managed.map((name) => ({ name })) } : {}),
    };
  const spec: Obj = { strategy: { canary } };
  if (s.workloadRef) spec.workloadRef = s.workloadRef;
  if (s.selector) spec.selector = s.selector;
  if (s.replicas !== undefined) spec.replicas = s.replicas;
  return {
    apiVersion: ARGO_API_VERSION,
    kind: "Rollout",
    metadata: {
      name: s.rolloutName,
      namespace: s.namespace,
      labels: { ...MANAGED_BY, ...(s.labels ?? {}) },
      annotations: {
        ...switchyardAnnotations(config, effectiveWeights(config)),
        [ANNOTATION_VARIANTS]: JSON.stringify({ [champion]: "stable", [challenger]: "canary" }),
      },
    },
    spec,
  };
}

/** `kubectl argo rollouts abort`: merge patch on the status subresource. */
export function argoAbortPatch(): Obj {
  return { status: { abort: true } };
}

/**
 * `kubectl argo rollouts promote`: unpause the spec if paused, and clear pause conditions (or,
 * with none, step past the current step). Returns the spec and status merge patches to send.
 */
export function argoPromotePatches(live: Obj): { spec: Obj | null; status: Obj | null } {
  const spec = live?.spec?.paused ? { spec: { paused: false } } : null;
  if ((live?.status?.pauseConditions ?? []).length > 0) return { spec, status: { status: { pauseConditions: null } } };
  const steps = live?.spec?.strategy?.canary?.steps;
  if (!steps) return { spec, status: null };
  const idx = Math.min((live?.status?.currentStepIndex ?? 0) + 1, steps.length);
  return { spec, status: { status: { pauseConditions: null, currentStepIndex: idx } } };
}

/**
 * Jump to `targetStepIndex` (promote --skip-current-step style), clearing pause conditions and a
 * previous abort (`retry`). Null when the Rollout already sits at, or paused right after, it.
 */
export function argoSetStepPatch(live: Obj, targetStepIndex: number): Obj | null {
  const st = live?.status ?? {};
  const at = st.currentStepIndex;
  const settled =
    !st.abort && (at === targetStepIndex || (at === targetStepIndex + 1 && targetStepIndex < stepsOf(live).length));
  if (settled) return null;
  return {
    status: { pauseConditions: null, currentStepIndex: targetStepIndex, ...(st.abort ? { abort: false } : {}) },
  };
}

/** What the live Rollout serves, in basis points for champion and challenger. */
export function readArgoRolloutState(ro: Obj): AppliedState {
  const roles = Object.entries(variantsFromAnnotations(ro?.metadata?.annotations));
  const keys = {
    champion: roles.find(([, r]) => r === "stable")?.[0] ?? "champion",
    challenger: roles.find(([, r]) => r === "canary")?.[0] ?? "challenger",
  };
  const st = ro?.status ?? {};
  const steps = stepsOf(ro);
  let percent: number;
  if (st.abort) percent = 0;
  else if (typeof st.canary?.weights?.canary?.weight === "number") percent = st.canary.weights.canary.weight;
  else if (typeof st.currentStepIndex === "number" && st.currentStepIndex >= steps.length) percent = 100;
  else {
    const upTo = steps.slice(0, (st.currentStepIndex ?? 0) + 1).filter((x: Obj) => typeof x.setWeight === "number");
    percent = upTo.length ? upTo[upTo.length - 1].setWeight : 0;
  }
  const bp = Math.round(percent * 100);
  return {
    version: versionFromAnnotations(ro?.metadata?.annotations),
    weights: { [keys.champion]: TOTAL_BASIS_POINTS - bp, [keys.challenger]: bp },
  };
}

function routeSteps(config: RoutingConfig, s: ArgoRolloutsSettings, challenger: string): Obj[] {
  const hasRouting = !!s.trafficRouting;
  if (config.killSwitch) return [];
  if (!hasRouting && (config.rules.length > 0 || config.mirror)) {
    throw new RouterError("header rules and mirroring on Argo Rollouts need settings.trafficRouting", "invalid_config");
  }
  if (!hasRouting) return [];
  const steps: Obj[] = [
    {
      setHeaderRoute: {
        name: "switchyard-override",
        match: [{ headerName: config.overrideHeader.toLowerCase(), headerValue: { exact: challenger } }],
      },
    },
  ];
  for (const rule of config.rules) {
    const alts = expandConditions(rule.conditions);
    const headerOnly =
      alts.length === 1 &&
      alts[0].every((a) => a.on === "header" && (a.op === "exact" || a.op === "prefix" || a.op === "regex"));
    if (!headerOnly || rule.variant !== challenger || rule.percentage !== undefined) {
      throw new RouterError(
        `rule ${rule.id}: Argo header routes only send header-matched requests wholly to the canary`,
        "invalid_config",
      );
    }
    steps.push({
      setHeaderRoute: {
        name: `switchyard-rule-${rule.id}`.toLowerCase(),
        match: alts[0].map((a) => ({ headerName: a.name, headerValue: { [a.op]: a.value } })),
      },
    });
  }
  if (config.mirror && config.mirror.routes.length > 0) {
    steps.push({
      setMirrorRoute: {
        name: "switchyard-shadow",
        percentage: Math.max(1, Math.round(config.mirror.sampleBasisPoints / 100)),
        match: config.mirror.routes.map((r) => ({ path: { prefix: r } })),
      },
    });
  }
  return steps;
}

function managedRouteNames(steps: Obj[]): string[] {
  return steps.flatMap((x) => [x.setHeaderRoute?.name, x.setMirrorRoute?.name]).filter((n): n is string => !!n);
}
function stepsOf(ro: Obj): Obj[] {
  return ro?.spec?.strategy?.canary?.steps ?? [];
}
