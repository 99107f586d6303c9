import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { canonicalJson } from "../audit/canonical-json";
import { buildRoutingConfig } from "../rollouts/build-routing-config";
import { UnroutableSystemError } from "../rollouts/routing-invariant";
import { ACTIVE_STATUSES } from "../rollouts/state-machine";
import { isKubernetesKind, renderRouterManifest, routerKindFromType } from "./registry";
import type { RoutingConfig } from "./types";

/** A router as it may leave the server: the secret replaced by whether one is stored. */
export function toPublicRouter<T extends { secretEncrypted: string | null }>(
  row: T,
): Omit<T, "secretEncrypted"> & { secretSet: boolean } {
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
      where: { systemId: row.systemId, status: { in: [...ACTIVE_STATUSES] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, status: true, inSync: true },
    }),
  ]);
  return { router: toPublicRouter(row), recentErrors, activeRollout };
}

/** "Show manifest" for Kubernetes routers: the YAML for the system's current routing. When that
 * routing is what was last pushed, it carries the pushed version and epoch; otherwise the next. */
export async function getRouterManifest(
  ctx: ServiceContext,
  routerId: string,
): Promise<{ yaml: string; version: number; pushed: boolean } | { error: string }> {
  requirePermission(ctx, "routers.read");
  const row = await db.router.findUnique({
    where: { id: routerId },
    select: {
      id: true,
      name: true,
      type: true,
      systemId: true,
      settings: true,
      desiredVersion: true,
      desiredConfig: true,
    },
  });
  if (!row) throw new NotFoundError("No such router.");
  const kind = routerKindFromType(row.type);
  if (!isKubernetesKind(kind)) return { error: `${kind} routers have no Kubernetes manifest.` };
  let config;
  try {
    ({ config } = await buildRoutingConfig(db, { systemId: row.systemId }));
  } catch (e) {
    if (e instanceof UnroutableSystemError) return { error: `Nothing to route yet. ${e.message}` };
    throw e;
  }
  const last = row.desiredConfig as RoutingConfig | null;
  const pushed = !!last && canonicalJson(withoutStamp(last)) === canonicalJson(config);
  const full: RoutingConfig = pushed ? last! : { ...config, version: row.desiredVersion + 1, epoch: last?.epoch ?? 0 };
  try {
    return {
      yaml: renderRouterManifest({ kind, name: row.name, settings: row.settings as Record<string, unknown> }, full),
      version: full.version,
      pushed,
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function withoutStamp({ version: _v, epoch: _e, ...rest }: RoutingConfig) {
  return rest;
}
