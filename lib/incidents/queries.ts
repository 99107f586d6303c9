import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listIncidents(ctx: ServiceContext, options: { open?: boolean; take?: number } = {}) {
  requirePermission(ctx, "rollouts.read");
  return db.incident.findMany({
    where: options.open ? { status: { not: "resolved" } } : undefined,
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 50, 200),
    include: {
      system: { select: { name: true, slug: true } },
      rollout: { select: { id: true, name: true } },
      updates: { orderBy: { createdAt: "desc" }, include: { author: { select: { name: true } } } },
    },
  });
}

export async function listIncidentSystems(ctx: ServiceContext) {
  requirePermission(ctx, "rollouts.read");
  return db.system.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, slug: true } });
}
