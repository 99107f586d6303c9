import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listAuditEvents(
  ctx: ServiceContext,
  filter: { entityType?: string; entityId?: string; take?: number } = {},
) {
  requirePermission(ctx, "audit.read");
  return db.auditEvent.findMany({
    where: { entityType: filter.entityType, entityId: filter.entityId },
    orderBy: { id: "desc" },
    take: Math.min(filter.take ?? 100, 500),
  });
}
