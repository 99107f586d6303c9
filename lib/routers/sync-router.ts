import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { pushRoutingToRouter, type PushResult } from "../rollouts/push-routing";
import type { RouterIdInput } from "./schemas";

/** "Sync now": push the system's current routing to this router and confirm it by read-back,
 * outside any transaction; then audit who asked and what happened. A failure is a result. */
export async function syncRouter({ ctx, input }: { ctx: ServiceContext; input: RouterIdInput }): Promise<PushResult> {
  requirePermission(ctx, "routers.write");
  const before = await db.router.findUnique({
    where: { id: input.routerId },
    select: { id: true, name: true, desiredVersion: true, appliedVersion: true },
  });
  if (!before) throw new NotFoundError("No such router.");
  const started = performance.now();
  let result: PushResult;
  try {
    result = await pushRoutingToRouter(db, { routerId: before.id });
  } catch (e) {
    // The adapter could not even be built (settings it refuses, a secret sealed with another key).
    const error = (e as Error).message;
    const now = new Date();
    await db.router.update({
      where: { id: before.id },
      data: { health: "down", lastError: error.slice(0, 1000), lastErrorAt: now, lastCheckedAt: now },
    });
    result = {
      routerId: before.id,
      routerName: before.name,
      ok: false,
      version: before.desiredVersion,
      error,
      ms: performance.now() - started,
    };
  }
  await db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: "router.sync",
      entityType: "router",
      entityId: before.id,
      before: { desiredVersion: before.desiredVersion, appliedVersion: before.appliedVersion },
      after: { version: result.version, ok: result.ok },
      meta: { error: result.error ?? null, ms: Math.round(result.ms) },
    }),
  );
  return result;
}
