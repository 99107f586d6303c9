// Pure: a record filter as a Prisma where clause (dates are whole UTC days, `to` inclusive).
import type { Prisma } from "../generated/prisma/client";
import type { RecordFilter } from "./schemas";

export function recordWhere(filter: RecordFilter): Prisma.DeploymentRecordWhereInput {
  const startedAt: Prisma.DateTimeNullableFilter = {};
  if (filter.from) startedAt.gte = new Date(`${filter.from}T00:00:00Z`);
  if (filter.to) startedAt.lt = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000);
  return {
    ...(filter.system ? { system: { slug: filter.system } } : {}),
    ...(filter.number ? { number: filter.number } : {}),
    ...(filter.strategy ? { strategy: filter.strategy } : {}),
    ...(filter.outcome === "in_progress" ? { frozenAt: null } : filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to ? { startedAt } : {}),
  };
}
