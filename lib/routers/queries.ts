import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";

/** A router as it may leave the server: the secret replaced by whether one is stored. */
export function toPublicRouter<T extends { secretEncrypted: string | null }>(row: T): Omit<T, "secretEncrypted"> & { secretSet: boolean } {
  const { secretEncrypted, ...rest } = row;
  return { ...rest, secretSet: secretEncrypted !== null };
}
export type PublicRouter = Awaited<ReturnType<typeof listRouters>>[number];

/** Routers with their sync state; secrets never leave the server. */
export async function listRouters(ctx: ServiceContext, filter: { systemSlug?: string } = {}) {
  requirePermission(ctx, "routers.read");
  const rows = await db.router.findMany({
    where: filter.systemSlug ? { system: { slug: filter.systemSlug } } : undefined,
    orderBy: [{ system: { name: "asc" } }, { name: "asc" }],
    omit: { desiredConfig: true },
    include: { system: { select: { slug: true, name: true } } },
  });
  return rows.map(toPublicRouter);
}

/** One router for its page: sync state, the newest failed applications first, and the rollout
 * (if any) currently driving its system. */
export async function getRouterDetail(ctx: ServiceContext, routerId: string) {
  requirePermission(ctx, "routers.read");
  const row = await db.router.findUnique({
    where: { id: routerId },
    include: { system: { select: { id: true, slug: true, name: true } } },
  });
  if (!row) throw new NotFoundError("No such router.");
  const [recentErrors, activeRollout] = await Promise.all([
    db.routerApplication.findMany({
      where: { routerId, lastError: { not: null } },
      orderBy: { updatedAt: "desc" },
      take: 20,
      select: {
        id: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        updatedAt: true,
        weightChange: { select: { configVersion: true, reason: true, rollout: { select: { id: true, name: true } } } },
      },
    }),
    db.rollout.findFirst({
      where: { systemId: row.systemId, status: { in: [...ACTIVE_ROLLOUT_STATUSES] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, status: true, inSync: true },
    }),
  ]);
  return { router: toPublicRouter(row), recentErrors, activeRollout };
}

/** Statuses in which a rollout is splitting traffic through the system's routers. */
export const ACTIVE_ROLLOUT_STATUSES = ["progressing", "paused", "promoting"] as const;
