import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";

/** A system's slots by environment, with the version each runs. */
export async function listSlots(ctx: ServiceContext, systemSlug: string) {
  requirePermission(ctx, "registry.read");
  const system = await db.system.findUnique({ where: { slug: systemSlug }, select: { id: true } });
  if (!system) throw new NotFoundError(`No system "${systemSlug}".`);
  const slots = await db.slot.findMany({
    where: { environment: { systemId: system.id } },
    orderBy: [{ environment: { name: "asc" } }, { name: "asc" }],
    include: {
      environment: { select: { name: true } },
      version: { select: { id: true, version: true, model: { select: { name: true } } } },
    },
  });
  return slots.map((s) => ({
    id: s.id,
    environment: s.environment.name,
    name: s.name,
    upstreamUrl: s.upstreamUrl,
    version: s.version ? { id: s.version.id, model: s.version.model.name, version: s.version.version } : null,
    warmUntil: s.warmUntil,
    updatedAt: s.updatedAt,
  }));
}
