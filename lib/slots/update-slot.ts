import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { TERMINAL_STATUSES } from "../rollouts/state-machine";
import { assertVersionOfSystem } from "./create-slot";
import type { UpdateSlotInput } from "./schemas";

/**
 * Records what a slot runs now (its endpoint, its version). Refused while a rollout that isn't
 * finished routes to it, and for the slot serving the champion: that changes by rolling out.
 */
export async function updateSlot({ ctx, input }: { ctx: ServiceContext; input: UpdateSlotInput }) {
  requirePermission(ctx, "systems.write");
  const before = await db.slot.findUnique({ where: { id: input.slotId } });
  if (!before) throw new NotFoundError("No such slot.");
  const { systemId, system } = await db.environment.findUniqueOrThrow({
    where: { id: before.environmentId },
    select: { systemId: true, system: { select: { championVersionId: true } } },
  });
  const busy = await db.rolloutVariant.findFirst({
    where: { slotId: before.id, rollout: { status: { notIn: [...TERMINAL_STATUSES] } } },
    select: { rollout: { select: { name: true } } },
  });
  if (busy)
    throw new PreconditionFailedError(
      `Rollout “${busy.rollout.name}” routes to this slot: finish or abort it before changing the slot.`,
    );
  const champion = system.championVersionId;
  if (
    before.versionId &&
    before.versionId === champion &&
    input.versionId !== undefined &&
    input.versionId !== champion
  )
    throw new PreconditionFailedError("This slot serves the champion: change it by rolling out a new version.");
  if (input.versionId) await assertVersionOfSystem(input.versionId, systemId, "versionId");
  return db.$transaction(async (tx) => {
    const after = await tx.slot.update({
      where: { id: before.id },
      data: { upstreamUrl: input.upstreamUrl, versionId: input.versionId },
    });
    await recordAudit(tx, ctx, {
      action: "slot.update",
      entityType: "slot",
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}
