// One pass of the controller loop over the rollouts that may need something now.
import type { PrismaClient } from "../db/create-client";
import type { ServiceContext } from "../permissions";
import { pushRoutingToRouter } from "../rollouts/push-routing";
import { ACTIVE_STATUSES } from "../rollouts/state-machine";
import { driveRollout } from "./drive-rollout";
import { assertLease } from "./epoch";

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/** Rollouts whose next wake-up has passed; others are skipped until then. */
const wakeAt = new Map<string, number>();

export async function controllerTick(
  db: PrismaClient,
  { ctx, epoch, log, fenced }: { ctx: ServiceContext; epoch: number; log: Log; fenced?: boolean },
) {
  const now = Date.now();
  const live = await db.rollout.findMany({
    where: { status: { in: [...ACTIVE_STATUSES] } },
    select: { id: true, inSync: true, status: true },
  });
  for (const r of live) {
    const due = wakeAt.get(r.id) ?? 0;
    if (r.status === "paused" && r.inSync) continue;
    if (due > now && r.inSync) continue;
    await driveOne(db, { rolloutId: r.id, ctx, epoch, log, fenced });
  }
  // Routers that never got a config, or missed a push (down during a rollback, say): catch them
  // up with the system's current routing, at most every 5 s while they keep failing.
  const behind = await db.router.findMany({
    where: {
      OR: [
        { lastAppliedAt: null, OR: [{ lastErrorAt: null }, { lastErrorAt: { lt: new Date(now - 5_000) } }] },
        { lastError: { not: null }, lastErrorAt: { lt: new Date(now - 5_000) } },
      ],
    },
    select: { id: true },
  });
  if (behind.length && fenced) await assertLease(db, epoch);
  for (const r of behind) await pushRoutingToRouter(db, { routerId: r.id, epoch }).catch(() => {});
}

export async function driveOne(
  db: PrismaClient,
  {
    rolloutId,
    ctx,
    epoch,
    log,
    fenced,
  }: { rolloutId: string; ctx: ServiceContext; epoch: number; log: Log; fenced?: boolean },
) {
  try {
    const result = await driveRollout(db, { rolloutId, ctx, epoch, fenced });
    if (result.wakeAt) wakeAt.set(rolloutId, result.wakeAt.getTime());
    else wakeAt.delete(rolloutId);
    for (const p of result.pushes.filter((x) => !x.ok))
      log("router push failed", { rolloutId, router: p.routerName, error: p.error });
  } catch (error) {
    log("drive failed", { rolloutId, error: error instanceof Error ? error.message : String(error) });
  }
}
