import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listSystems(ctx: ServiceContext) {
  requirePermission(ctx, "registry.read");
  return db.system.findMany({
    orderBy: { name: "asc" },
    include: {
      championVersion: { include: { model: true } },
      models: { include: { _count: { select: { versions: true } } } },
      _count: { select: { routers: true, rollouts: true } },
    },
  });
}

export async function getSystemOrThrow(ctx: ServiceContext, slug: string) {
  requirePermission(ctx, "registry.read");
  const system = await db.system.findUnique({
    where: { slug },
    include: {
      championVersion: { include: { model: true } },
      environments: { include: { slots: { include: { version: true }, orderBy: { name: "asc" } } } },
      models: { orderBy: { name: "asc" }, include: { versions: { orderBy: { createdAt: "desc" } } } },
      routers: { orderBy: { name: "asc" } },
    },
  });
  if (!system) throw new NotFoundError(`No system "${slug}".`);
  return system;
}

export async function listModelVersions(ctx: ServiceContext, filter: { system?: string; model?: string } = {}) {
  requirePermission(ctx, "registry.read");
  return db.modelVersion.findMany({
    where: { model: { name: filter.model, system: filter.system ? { slug: filter.system } : undefined } },
    orderBy: { createdAt: "desc" },
    take: 500,
    include: { model: { include: { system: { select: { slug: true, name: true } } } } },
  });
}

export async function getModelVersionOrThrow(ctx: ServiceContext, id: string) {
  requirePermission(ctx, "registry.read");
  const version = await db.modelVersion.findUnique({
    where: { id },
    include: { model: { include: { system: true } } },
  });
  if (!version) throw new NotFoundError("No such model version.");
  return version;
}
