import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { recordWhere } from "./record-where";
import type { RecordFilter } from "./schemas";

export async function listDeploymentRecords(
  ctx: ServiceContext,
  filter: RecordFilter & { systemSlug?: string; take?: number } = {},
) {
  requirePermission(ctx, "records.read");
  return db.deploymentRecord.findMany({
    where: recordWhere({ ...filter, system: filter.system ?? filter.systemSlug }),
    orderBy: [{ startedAt: "desc" }, { number: "desc" }],
    take: Math.min(filter.take ?? 500, 500),
    include: { system: { select: { name: true, slug: true } }, rollout: { select: { name: true } } },
  });
}

/** One record by id or by number (DR-2026-0001). */
export async function getDeploymentRecordOrThrow(ctx: ServiceContext, idOrNumber: string) {
  requirePermission(ctx, "records.read");
  const record = await db.deploymentRecord.findFirst({
    where: /^DR-\d{4}-\d+$/.test(idOrNumber) ? { number: idOrNumber } : { id: idOrNumber },
    include: {
      system: { select: { name: true, slug: true } },
      rollout: { select: { name: true, id: true, status: true } },
    },
  });
  if (!record) throw new NotFoundError(`No deployment record ${idOrNumber}.`);
  return record;
}

export async function listRecordSystems(ctx: ServiceContext) {
  requirePermission(ctx, "records.read");
  return db.system.findMany({
    where: { deploymentRecords: { some: {} } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}
