import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";
import { NotFoundError } from "../errors";
import type { RolloutStatus } from "../strategies/plan";

export async function listRollouts(
  ctx: ServiceContext,
  filter: { status?: RolloutStatus[]; systemSlug?: string } = {},
) {
  requirePermission(ctx, "rollouts.read");
  return db.rollout.findMany({
    where: {
      status: filter.status ? { in: filter.status } : undefined,
      system: filter.systemSlug ? { slug: filter.systemSlug } : undefined,
    },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: {
      system: { select: { slug: true, name: true } },
      author: { select: { name: true } },
      variants: { include: { version: { include: { model: { select: { name: true } } } } } },
    },
  });
}

/** Everything the rollout page shows: plan, variants, live weights per router, recent changes. */
export async function getRolloutDetailOrThrow(ctx: ServiceContext, rolloutId: string) {
  requirePermission(ctx, "rollouts.read");
  const rollout = await db.rollout.findUnique({
    where: { id: rolloutId },
    include: {
      system: { select: { id: true, slug: true, name: true, mirrorSafeRoutes: true, requiredApprovals: true } },
      author: { select: { id: true, name: true } },
      variants: { include: { version: { include: { model: { select: { name: true } } } } }, orderBy: { key: "asc" } },
      steps: { orderBy: { index: "asc" } },
      weightChanges: {
        orderBy: { configVersion: "desc" },
        take: 25,
        include: { applications: { include: { router: { select: { name: true } } } } },
      },
    },
  });
  if (!rollout) throw new NotFoundError("No such rollout.");
  const routers = await db.router.findMany({
    where: { systemId: rollout.systemId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      type: true,
      health: true,
      desiredVersion: true,
      appliedVersion: true,
      lastAppliedAt: true,
      lastError: true,
      desiredConfig: true,
    },
  });
  // What the current step waits for: the latest runs of its gates, and an acceptance waiting for a second person.
  const currentRuns = rollout.stepStartedAt
    ? await db.analysisRun.findMany({
        where: { rolloutId, stepIndex: rollout.currentStepIndex, createdAt: { gte: rollout.stepStartedAt } },
        orderBy: { createdAt: "desc" },
        take: 60,
        select: { gate: true, verdict: true, evidence: true, windowStart: true, windowEnd: true, createdAt: true },
      })
    : [];
  const pendingOverride = await db.gateOverride.findFirst({
    where: { rolloutId, status: "pending" },
    select: {
      id: true,
      stepIndex: true,
      reason: true,
      createdAt: true,
      requestedBy: { select: { id: true, name: true } },
    },
  });
  return { ...rollout, routers, currentRuns, pendingOverride };
}

export type RolloutDetail = Awaited<ReturnType<typeof getRolloutDetailOrThrow>>;
