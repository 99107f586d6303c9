// Has every router confirmed the rollout's current weights? Until then the split that produced
// the rollups is not the one the plan asked for, so gates must not judge it.
import type { PrismaClient } from "@/lib/db/create-client";

export type AppliedCheck =
  { applied: true; appliedAt: Date; configVersion: number } | { applied: false; reason: string };

/**
 * Applied = the latest weight change is the rollout's configVersion, it has router applications,
 * every one is "applied", and every router of the system reports appliedVersion ≥ configVersion.
 * appliedAt is the last router's confirmation: the moment the current split began.
 */
export async function checkWeightsApplied(
  db: PrismaClient,
  rollout: { id: string; systemId: string; configVersion: number },
): Promise<AppliedCheck> {
  const latest = await db.weightChange.findFirst({
    where: { rolloutId: rollout.id },
    orderBy: { configVersion: "desc" },
    include: { applications: { include: { router: { select: { name: true } } } } },
  });
  if (!latest) return { applied: false, reason: "No weights have been pushed for this rollout yet" };
  if (latest.configVersion < rollout.configVersion) {
    return {
      applied: false,
      reason: `Config v${rollout.configVersion} has no recorded weight change yet (latest v${latest.configVersion})`,
    };
  }
  if (latest.applications.length === 0)
    return { applied: false, reason: `Config v${latest.configVersion} was not sent to any router yet` };
  const pending = latest.applications.filter((a) => a.status !== "applied" || !a.appliedAt);
  if (pending.length) {
    return {
      applied: false,
      reason: `Weights v${latest.configVersion} not yet applied on ${pending.map((a) => `${a.router.name} (${a.status})`).join(", ")}`,
    };
  }
  const lagging = await db.router.findMany({
    where: { systemId: rollout.systemId, appliedVersion: { lt: latest.configVersion } },
    select: { name: true, appliedVersion: true },
  });
  if (lagging.length) {
    return {
      applied: false,
      reason: `Routers still serve an older config: ${lagging.map((r) => `${r.name} at v${r.appliedVersion}`).join(", ")} (want v${latest.configVersion})`,
    };
  }
  const appliedAt = new Date(Math.max(...latest.applications.map((a) => a.appliedAt!.getTime())));
  return { applied: true, appliedAt, configVersion: latest.configVersion };
}
