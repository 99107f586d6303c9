import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { auditRefusals } from "../approvals/audit-refusals";
import type { AssignChecklistTemplateInput } from "./schemas";

/** Chooses which template a system's new rollouts copy their checklist from. */
export async function assignChecklistTemplate({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AssignChecklistTemplateInput;
}) {
  return auditRefusals(
    ctx,
    { action: "system.checklist_template", entityType: "system", entityId: input.systemId },
    async () => {
      requirePermission(ctx, "checklists.templates");
      const system = await db.system.findUnique({
        where: { id: input.systemId },
        select: { id: true, checklistTemplateId: true },
      });
      if (!system) throw new NotFoundError("No such system.");
      if (!(await db.checklistTemplate.findUnique({ where: { id: input.templateId }, select: { id: true } })))
        throw new NotFoundError("No such checklist template.");
      return db.$transaction(async (tx) => {
        const after = await tx.system.update({
          where: { id: system.id },
          data: { checklistTemplateId: input.templateId },
          select: { id: true, checklistTemplateId: true },
        });
        await recordAudit(tx, ctx, {
          action: "system.checklist_template",
          entityType: "system",
          entityId: system.id,
          before: system,
          after,
        });
        return after;
      });
    },
  );
}
