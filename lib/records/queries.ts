import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listDeploymentRecords(ctx: ServiceContext, filter: { systemSlug?: string } = {}) {
  requirePermission(ctx, "records.read");
  return db.deploymentRecord.findMany({
    where: { system: filter.systemSlug ? { slug: filter.systemSlug } : undefined },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: { system: { select: { name: true, slug: true } } },
  });
}
