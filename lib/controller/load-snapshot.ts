// Reads what reconcile needs about one rollout. A router's appliedVersion here is in the
// rollout's own config-version space: the highest weight change of this rollout it confirmed.
import type { PrismaClient, Tx } from "../db/create-client";
import type { Weights } from "../routers/types";
import type { RolloutSnapshot } from "./reconcile-types";
import type { StrategyConfig } from "../strategies/plan";

export async function loadSnapshot(
  db: PrismaClient | Tx,
  rolloutId: string,
): Promise<RolloutSnapshot & { systemId: string; revision: number }> {
  const r = await db.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    include: {
      steps: { orderBy: { index: "asc" } },
      variants: true,
      rollbackRequests: {
        where: { status: "pending", OR: [{ confirmedById: { not: null } }, { breakGlass: true }] },
        select: { id: true },
      },
      gateOverrides: { where: { status: "confirmed" }, select: { stepIndex: true } },
    },
  });
  const routers = await db.router.findMany({
    where: { systemId: r.systemId },
    select: { id: true, name: true, health: true },
  });
  const applied = await db.routerApplication.findMany({
    where: { status: "applied", weightChange: { rolloutId } },
    select: { routerId: true, weightChange: { select: { configVersion: true } } },
  });
  const best = new Map<string, number>();
  for (const a of applied) best.set(a.routerId, Math.max(best.get(a.routerId) ?? 0, a.weightChange.configVersion));
  const analysis = r.stepStartedAt
    ? await db.analysisRun.findMany({
        where: { rolloutId, createdAt: { gte: new Date(r.stepStartedAt.getTime() - 1) } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  return {
    systemId: r.systemId,
    revision: r.revision,
    rollout: {
      id: r.id,
      strategy: r.strategy,
      status: r.status,
      currentStepIndex: r.currentStepIndex,
      stepStartedAt: r.stepStartedAt,
      desiredWeights: r.desiredWeights as Weights,
      configVersion: r.configVersion,
      inSync: r.inSync,
      config: r.config as StrategyConfig,
    },
    steps: r.steps.map((s) => ({
      index: s.index,
      kind: s.kind,
      params: s.params as Record<string, unknown>,
      status: s.status,
      waitUntil: s.waitUntil,
      verdictsSince: s.verdictsSince,
    })),
    variants: r.variants.map((v) => ({ key: v.key, role: v.role })),
    routers: routers.map((x) => ({
      id: x.id,
      name: x.name,
      health: x.health,
      appliedVersion: r.configVersion === 0 ? 0 : (best.get(x.id) ?? 0),
    })),
    analysis: analysis.map((a) => ({
      stepIndex: a.stepIndex,
      verdict: a.verdict,
      createdAt: a.createdAt,
      gate: a.gate,
      reason: (a.evidence as { reason?: string } | null)?.reason,
    })),
    pendingRollback: r.rollbackRequests.length > 0,
    acceptedSteps: r.gateOverrides.map((o) => o.stepIndex),
  };
}
