// The A/B report of a rollout over the window since its current split was applied.
import type { PrismaClient } from "@/lib/db/create-client";
import { abTestReport, type AbReport } from "./ab-report";
import { loadTotals } from "./load-window";
import { checkWeightsApplied } from "./weights-applied";

export interface RolloutAbReport extends AbReport {
  rolloutId: string;
  windowStart: string;
  windowEnd: string;
  /** Set when the current weights aren't confirmed everywhere: the numbers may mix two splits. */
  warning: string | null;
}

export async function getAbReport(
  db: PrismaClient,
  rolloutId: string,
  now = new Date(),
): Promise<RolloutAbReport | null> {
  const rollout = await db.rollout.findUnique({ where: { id: rolloutId }, include: { variants: true } });
  if (!rollout) return null;
  const champion = rollout.variants.find((v) => v.role === "champion")?.key ?? "champion";
  const challengers = rollout.variants.filter((v) => v.role === "challenger").map((v) => v.key);
  const applied = await checkWeightsApplied(db, rollout);
  const start = applied.applied ? applied.appliedAt : (rollout.startedAt ?? rollout.createdAt);
  const config = rollout.config as Record<string, unknown>;
  const window = {
    champion,
    challengers,
    windowStart: start,
    windowEnd: now,
    arms: await loadTotals(db, { rolloutId, from: start, to: now, allSegmentsOnly: true }),
  };
  const days = Math.max((now.getTime() - start.getTime()) / 86_400_000, 1 / 24);
  const perArm = (window.arms[champion]?.["*"]?.requests ?? 0) / Math.max(1, challengers.length + 1);
  const report = abTestReport(window, {
    primaryMetric: typeof config.primaryMetric === "string" ? config.primaryMetric : undefined,
    split: (config.split as Record<string, number> | undefined) ?? (rollout.desiredWeights as Record<string, number>),
    minimumDetectableEffect:
      typeof config.minimumDetectableEffect === "number" ? config.minimumDetectableEffect : undefined,
    dailyUnitsPerArm: perArm / days || undefined,
  });
  return {
    ...report,
    rolloutId,
    windowStart: start.toISOString(),
    windowEnd: now.toISOString(),
    warning: applied.applied ? null : applied.reason,
  };
}
