import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { auditRefusals } from "../approvals/audit-refusals";
import type { SaveChecklistTemplateInput } from "./schemas";

/**
 * Creates a checklist template or replaces an existing one's items (in the given order). Rollouts
 * keep the copy they were created with; only new rollouts see the change. Making it the default
 * unsets the previous default.
 */
export async function saveChecklistTemplate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SaveChecklistTemplateInput;
}) {
  return auditRefusals(
    ctx,
    { action: "checklist_template.save", entityType: "checklist_template", entityId: input.templateId },
    async () => {
      requirePermission(ctx, "checklists.templates");
      const before = input.templateId
        ? await db.checklistTemplate.findUnique({
            where: { id: input.templateId },
            include: { items: { orderBy: { position: "asc" } } },
          })
        : null;
      if (input.templateId && !before) throw new NotFoundError("No such checklist template.");
      const clash = await db.checklistTemplate.findUnique({ where: { name: input.name }, select: { id: true } });
      if (clash && clash.id !== input.templateId)
        throw new ConflictError(`A template named “${input.name}” exists already.`);
      if (before?.isDefault && !input.isDefault)
        throw new ConflictError("This is the default template: make another template the default instead.");
      const sectionOrder = [...new Set(input.items.map((i) => i.section))];
      const items = input.items.map((item, i) => ({ ...item, position: sectionOrder.indexOf(item.section) * 100 + i }));
      return db.$transaction(async (tx) => {
        if (input.isDefault)
          await tx.checklistTemplate.updateMany({
            where: { isDefault: true, id: { not: input.templateId ?? "" } },
            data: { isDefault: false },
          });
        const template = before
          ? await tx.checklistTemplate.update({
              where: { id: before.id },
              data: { name: input.name, isDefault: input.isDefault, items: { deleteMany: {}, create: items } },
              include: { items: true },
            })
          : await tx.checklistTemplate.create({
              data: { name: input.name, isDefault: input.isDefault, items: { create: items } },
              include: { items: true },
            });
        await recordAudit(tx, ctx, {
          action: before ? "checklist_template.update" : "checklist_template.create",
          entityType: "checklist_template",
          entityId: template.id,
          before,
          after: template,
        });
        return template;
      });
    },
  );
}
