// Promotion's serving side: the new champion must run in a slot, because once no rollout is
// active the system routes to "the slot its champion runs in". Whichever way the challenger was
// given (a registered slot, a bare upstream URL, a blue-green idle slot, one of several
// challengers), the slot that served it during the rollout is recorded as running it now, or a
// slot is registered for its endpoint. Runs in the completion's transaction.
import type { Tx } from "../db/create-client";
import type { ServiceContext } from "../permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { UnroutableSystemError } from "./routing-invariant";

interface Winner {
  versionId: string;
  slotId: string | null;
  upstreamUrl: string;
}

export async function seatChampionInTx(
  tx: Tx,
  ctx: ServiceContext,
  { systemId, winner, championSlotId }: { systemId: string; winner: Winner; championSlotId: string | null },
) {
  const environments = await tx.environment.findMany({
    where: { systemId },
    include: { slots: true },
    orderBy: { createdAt: "asc" },
  });
  const slots = environments.flatMap((e) => e.slots);
  // The endpoint that served the challenger is what the champion keeps serving from.
  const slot =
    slots.find((s) => s.id === winner.slotId && s.upstreamUrl === winner.upstreamUrl) ??
    slots.find((s) => s.upstreamUrl === winner.upstreamUrl && s.id !== championSlotId) ??
    slots.find((s) => s.upstreamUrl === winner.upstreamUrl);
  if (slot) {
    const after = await tx.slot.update({
      where: { id: slot.id },
      data: { versionId: winner.versionId, warmUntil: null },
    });
    if (slot.versionId !== winner.versionId)
      await writeAuditEvent(tx, ctx, {
        action: "slot.update",
        entityType: "slot",
        entityId: slot.id,
        before: { versionId: slot.versionId },
        after: { versionId: after.versionId, reason: "promoted" },
      });
    return after;
  }
  const environment = environments.find((e) => e.slots.some((s) => s.id === championSlotId)) ?? environments[0] ?? null;
  if (!environment)
    throw new UnroutableSystemError(
      "The promoted version has no slot to serve from and the system has no environment to register one in.",
    );
  const version = await tx.modelVersion.findUniqueOrThrow({
    where: { id: winner.versionId },
    select: { version: true },
  });
  const taken = new Set(environment.slots.map((s) => s.name));
  let name = version.version;
  for (let n = 2; taken.has(name); n++) name = `${version.version}-${n}`;
  const created = await tx.slot.create({
    data: { environmentId: environment.id, name, upstreamUrl: winner.upstreamUrl, versionId: winner.versionId },
  });
  await writeAuditEvent(tx, ctx, {
    action: "slot.create",
    entityType: "slot",
    entityId: created.id,
    after: { name, upstreamUrl: created.upstreamUrl, versionId: winner.versionId, reason: "promoted" },
  });
  return created;
}
