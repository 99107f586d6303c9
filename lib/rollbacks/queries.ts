import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { actorId, can, requirePermission, type ServiceContext } from "../permissions";
import { canTransition } from "../rollouts/state-machine";
import { allToChampion } from "../strategies/plan";
import type { Weights } from "../routers/types";
import { verifyRecovery } from "./verify-recovery";

const PERSON = { select: { id: true, name: true } } as const;

/** Rollback requests of a rollout, newest first (REST and the panel). */
export async function listRollbackRequests(ctx: ServiceContext, rolloutId: string) {
  requirePermission(ctx, "rollouts.read");
  if (!(await db.rollout.findUnique({ where: { id: rolloutId }, select: { id: true } })))
    throw new NotFoundError("No such rollout.");
  return db.rollbackRequest.findMany({
    where: { rolloutId },
    orderBy: { createdAt: "desc" },
    include: { requestedBy: PERSON, confirmedBy: PERSON, reviewedBy: PERSON },
  });
}

/** What the rollback panel shows: the live weights, requests, and after a rollback the procedure. */
export async function getRollbackPanel(ctx: ServiceContext, rolloutId: string) {
  const requests = await listRollbackRequests(ctx, rolloutId);
  const rollout = await db.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    include: {
      system: { select: { name: true, slug: true } },
      variants: {
        orderBy: { key: "asc" },
        include: {
          version: {
            select: { id: true, version: true, status: true, blockedReason: true, model: { select: { name: true } } },
          },
        },
      },
      incidents: { orderBy: { createdAt: "desc" }, take: 1, include: { updates: { orderBy: { createdAt: "asc" } } } },
    },
  });
  const me = actorId(ctx);
  const live = canTransition(rollout.status, "rollback");
  const weightsNow = rollout.desiredWeights as Weights;
  const weightsAfter = allToChampion(rollout.variants.map((v) => ({ key: v.key, role: v.role })));
  const labels = Object.fromEntries(
    rollout.variants.map((v) => [v.key, `${v.key} (${v.version.model.name} ${v.version.version})`]),
  );
  const pending = requests.find((r) => r.status === "pending" && !r.breakGlass) ?? null;
  return {
    rollout: {
      id: rollout.id,
      name: rollout.name,
      status: rollout.status,
      system: rollout.system,
      statusReason: rollout.statusReason,
      endedAt: rollout.endedAt,
    },
    labels,
    weightsNow,
    weightsAfter,
    requests,
    pending,
    live,
    me,
    incident: rollout.incidents[0] ?? null,
    challengers: rollout.variants.filter((v) => v.role === "challenger").map((v) => v.version),
    recovery: rollout.status === "rolled_back" ? await verifyRecovery(db, rollout.id) : null,
    can: {
      request: live && !pending && can(ctx, "rollbacks.request"),
      confirm: !!pending && can(ctx, "rollbacks.confirm") && pending.requestedById !== me,
      cancel: !!pending && (can(ctx, "rollbacks.request") || can(ctx, "rollbacks.confirm")),
      breakGlass: live && can(ctx, "rollbacks.break_glass"),
      review: can(ctx, "rollbacks.confirm"),
      rootCause: rollout.status === "rolled_back" && can(ctx, "incidents.write"),
    },
  };
}
export type RollbackPanelData = Awaited<ReturnType<typeof getRollbackPanel>>;
