// Shadow: a share of requests on mirror-safe routes is copied to the challenger; its answers are
// logged and compared, never served. Promotion to a canary is a separate rollout.
import type { Weights } from "@/lib/routers/types";
import { allToChampion, type PlanContext, type PlanStep, type PlanVariant, type WeightContext } from "./plan";
import { isBasisPoints, isPositiveInteger, validateSteps } from "./validate-steps";

export type ShadowConfig = {
  /** Path prefixes to mirror; each must be one of the system's mirror-safe (read-only) routes. */
  mirrorRoutes?: string[];
  sampleBasisPoints?: number;
  minSamples?: number;
  analysisIntervalSeconds?: number;
  maxInconclusive?: number;
};

export const SHADOW_GATES = ["agreement", "latency", "errors"];

export function defaultPlan(config: ShadowConfig = {}, _variants: PlanVariant[] = []): PlanStep[] {
  return [
    { kind: "mirror", sampleBasisPoints: config.sampleBasisPoints ?? 10_000 },
    { kind: "analysis", gates: SHADOW_GATES, ...(config.minSamples ? { minSamples: config.minSamples } : {}) },
  ];
}

export function validatePlan(steps: PlanStep[], config: ShadowConfig, ctx: PlanContext): string[] {
  const errors = validateSteps(steps, ctx, "Shadow", ["mirror", "analysis", "pause"]);
  const mirrors = steps.flatMap((s, i) => (s.kind === "mirror" ? [i] : []));
  if (mirrors.length !== 1)
    errors.push(`Shadow mirrors once: the plan needs exactly one mirror step (found ${mirrors.length}).`);
  if (mirrors.length === 1 && !steps.slice(mirrors[0] + 1).some((s) => s.kind === "analysis")) {
    errors.push("Shadow compares answers: add an analysis step after the mirror step.");
  }
  const routes = config.mirrorRoutes ?? [];
  if (!Array.isArray(routes) || routes.length === 0)
    errors.push("Shadow needs config.mirrorRoutes: the routes to mirror.");
  const safe = ctx.mirrorSafeRoutes ?? [];
  for (const route of Array.isArray(routes) ? routes : []) {
    if (!safe.some((prefix) => isUnder(route, prefix))) {
      errors.push(`Route ${route} is not marked mirror-safe on this system; only read-only routes may be mirrored.`);
    }
  }
  if (
    config.sampleBasisPoints !== undefined &&
    !(isBasisPoints(config.sampleBasisPoints) && config.sampleBasisPoints > 0)
  ) {
    errors.push("config.sampleBasisPoints must be between 1 and 10000.");
  }
  if (config.minSamples !== undefined && !isPositiveInteger(config.minSamples))
    errors.push("config.minSamples must be above 0.");
  return errors;
}

/** A shadow never serves the challenger: the champion keeps 100 % at every step. */
export function weightsForStep(_steps: PlanStep[], _index: number, ctx: WeightContext<ShadowConfig>): Weights {
  return allToChampion(ctx.variants);
}

/** Ending a shadow stops mirroring; users stay on the champion. */
export function finalWeights(ctx: WeightContext<ShadowConfig>): Weights {
  return allToChampion(ctx.variants);
}

/** The mirror share in force once step `index` is applied; 0 before the mirror step. */
export function mirrorForStep(steps: PlanStep[], index: number): number {
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const step = steps[i];
    if (step.kind === "mirror") return step.sampleBasisPoints;
  }
  return 0;
}

/** "/predict/batch" is under "/predict"; "/predictions" is not. */
function isUnder(route: string, prefix: string): boolean {
  if (route === prefix) return true;
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  return route.startsWith(base);
}
