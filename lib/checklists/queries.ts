import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

/** Templates with their items, and which system uses which (admin editor). */
export async function listChecklistTemplates(ctx: ServiceContext) {
  requirePermission(ctx, "checklists.templates");
  const [templates, systems] = await Promise.all([
    db.checklistTemplate.findMany({
      orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      include: { items: { orderBy: { position: "asc" } }, systems: { select: { id: true, name: true } } },
    }),
    db.system.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, checklistTemplateId: true } }),
  ]);
  return { templates, systems };
}
