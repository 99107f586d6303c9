import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import type { CreateSlotInput } from "./schemas";

/**
 * Registers a slot: a model server endpoint (blue, green, canary...) in one of the system's
 * environments, optionally naming the registered version it runs. The environment is created on
 * first use. A rollout's challenger can then name the slot instead of a URL.
 */
export async function createSlot({ ctx, input }: { ctx: ServiceContext; input: CreateSlotInput }) {
  requirePermission(ctx, "systems.write");
  const system = await db.system.findUnique({ where: { slug: input.system }, select: { id: true, name: true } });
  if (!system) throw new NotFoundError(`No system "${input.system}".`);
  if (input.versionId) await assertVersionOfSystem(input.versionId, system.id, "versionId");
  return db.$transaction(async (tx) => {
    const environment = await tx.environment.upsert({
      where: { systemId_name: { systemId: system.id, name: input.environment } },
      create: { systemId: system.id, name: input.environment },
      update: {},
    });
    const taken = await tx.slot.findUnique({
      where: { environmentId_name: { environmentId: environment.id, name: input.name } },
      select: { id: true },
    });
    if (taken) throw new ConflictError(`${system.name} already has a slot “${input.name}” in ${input.environment}.`);
    const slot = await tx.slot.create({
      data: {
        environmentId: environment.id,
        name: input.name,
        upstreamUrl: input.upstreamUrl,
        versionId: input.versionId ?? null,
      },
    });
    await recordAudit(tx, ctx, {
      action: "slot.create",
      entityType: "slot",
      entityId: slot.id,
      after: slot,
      meta: { system: input.system, environment: input.environment },
    });
    return { ...slot, environment: environment.name };
  });
}

/** A slot may only run a version registered for its own system. */
export async function assertVersionOfSystem(versionId: string, systemId: string, field: string) {
  const version = await db.modelVersion.findUnique({
    where: { id: versionId },
    select: { model: { select: { systemId: true } } },
  });
  if (!version || version.model.systemId !== systemId)
    throw new BadRequestError("That version is not registered for this system.", [
      { name: field, reason: "not a version of this system" },
    ]);
}
