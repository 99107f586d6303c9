import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import type { CreateSystemInput } from "../registry/schemas";

/** Registers a system with its production environment; it takes the default checklist template. */
export async function createSystem({ ctx, input }: { ctx: ServiceContext; input: CreateSystemInput }) {
  requirePermission(ctx, "systems.write");
  if (await db.system.findUnique({ where: { slug: input.slug } }))
    throw new ConflictError(`A system with slug "${input.slug}" exists already.`);
  return db.$transaction(async (tx) => {
    const template = await tx.checklistTemplate.findFirst({ where: { isDefault: true } });
    const system = await tx.system.create({
      data: { ...input, checklistTemplateId: template?.id, environments: { create: { name: "production" } } },
    });
    await recordAudit(tx, ctx, { action: "system.create", entityType: "system", entityId: system.id, after: system });
    return system;
  });
}
