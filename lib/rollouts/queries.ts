import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listRollouts(ctx: ServiceContext, filter: { status?: string[]; systemSlug?: string } = {}) {
  requirePermission(ctx, "rollouts.read");
  return db.rollout.findMany({
    where: { status: filter.status ? { in: filter.status as never } : undefined, system: filter.systemSlug ? { slug: filter.systemSlug } : undefined },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: {
      system: { select: { slug: true, name: true } },
      author: { select: { name: true } },
      variants: { include: { version: { include: { model: { select: { name: true } } } } } },
    },
  });
}
