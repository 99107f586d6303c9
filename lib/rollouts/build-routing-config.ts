// The desired routing state of a system as one RoutingConfig: the active rollout's variants,
// weights, rules and mirror, or the champion alone when nothing is rolling out. A config that
// would route to nothing is never built: UnroutableSystemError names why.
import type { PrismaClient, Tx } from "../db/create-client";
import type { RoutingConfig, TargetingRule, Weights } from "../routers/types";
import { mirrorForStep } from "../strategies/shadow";
import { rulesForStep } from "../strategies/feature-flag";
import type { PlanStep, StrategyConfig } from "../strategies/plan";
import { ACTIVE_STATUSES } from "./state-machine";
import { assertRoutable, UnroutableSystemError } from "./routing-invariant";
import {
  DEFAULT_OVERRIDE_HEADER,
  DEFAULT_PREDICTION_FIELD,
  DEFAULT_SEGMENT_HEADER,
  DEFAULT_STICKINESS,
} from "./rollout-defaults";

export interface DesiredRouting {
  /** Without version and epoch: the pusher stamps those per router. */
  config: Omit<RoutingConfig, "version" | "epoch">;
  rolloutId: string | null;
  /** The rollout config version this routing carries (for RouterApplication bookkeeping). */
  rolloutConfigVersion: number | null;
}

export async function buildRoutingConfig(
  db: PrismaClient | Tx,
  { systemId }: { systemId: string },
): Promise<DesiredRouting> {
  const system = await db.system.findUniqueOrThrow({
    where: { id: systemId },
    include: { championVersion: { include: { slots: { orderBy: { updatedAt: "desc" } } } } },
  });
  const rollout = await db.rollout.findFirst({
    where: { systemId, status: { in: [...ACTIVE_STATUSES] } },
    orderBy: { createdAt: "desc" },
    include: { variants: { include: { version: true } }, steps: { orderBy: { index: "asc" } } },
  });
  if (!rollout) {
    const champion = system.championVersion;
    if (!champion)
      throw new UnroutableSystemError(`${system.name} serves nothing yet: it has no champion version to route to.`);
    // The slot the champion was last put into (a promotion seats it there).
    const slot = champion.slots[0];
    if (!slot)
      throw new UnroutableSystemError(
        `No slot serves ${system.name}'s champion ${champion.version}: routing would have no variant. Register a slot running ${champion.version}.`,
      );
    return {
      rolloutId: null,
      rolloutConfigVersion: null,
      config: {
        system: system.slug,
        rolloutId: null,
        salt: system.id,
        stickiness: DEFAULT_STICKINESS,
        variants: [{ key: "champion", role: "champion", upstream: slot.upstreamUrl, version: champion.version }],
        weights: { champion: 10_000 },
        overrideHeader: DEFAULT_OVERRIDE_HEADER,
        rules: [],
        mirror: null,
        killSwitch: false,
        segmentHeader: DEFAULT_SEGMENT_HEADER,
        predictionField: DEFAULT_PREDICTION_FIELD,
      },
    };
  }
  const config = rollout.config as StrategyConfig;
  const steps = rollout.steps.map((s) => ({ ...(s.params as object), kind: s.kind }) as PlanStep);
  const index = Math.min(rollout.currentStepIndex, steps.length - 1);
  const mirrorShare = rollout.strategy === "shadow" ? mirrorForStep(steps, index) : 0;
  const challenger = rollout.variants.find((v) => v.role === "challenger");
  const rules: TargetingRule[] =
    rollout.strategy === "feature_flag"
      ? rulesForStep(steps, index, config)
      : ((config.rules as TargetingRule[] | undefined) ?? []);
  const built: DesiredRouting = {
    rolloutId: rollout.id,
    rolloutConfigVersion: rollout.configVersion,
    config: {
      system: system.slug,
      rolloutId: rollout.id,
      salt: rollout.salt,
      stickiness: (config.stickiness as RoutingConfig["stickiness"]) ?? DEFAULT_STICKINESS,
      variants: rollout.variants
        .sort((a, b) => (a.role === b.role ? a.key.localeCompare(b.key) : a.role === "champion" ? -1 : 1))
        .map((v) => ({ key: v.key, role: v.role, upstream: v.upstreamUrl, version: v.version.version })),
      weights: rollout.desiredWeights as Weights,
      overrideHeader: (config.overrideHeader as string) ?? DEFAULT_OVERRIDE_HEADER,
      rules,
      mirror:
        mirrorShare > 0 && challenger
          ? {
              variant: challenger.key,
              sampleBasisPoints: mirrorShare,
              routes: (config.mirrorRoutes as string[]) ?? system.mirrorSafeRoutes,
            }
          : null,
      killSwitch: config.killSwitch === true,
      segmentHeader: (config.segmentHeader as string) ?? DEFAULT_SEGMENT_HEADER,
      predictionField: (config.predictionField as string) ?? DEFAULT_PREDICTION_FIELD,
    },
  };
  assertRoutable(built.config, system.name);
  return built;
}
