import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { ACTIVE_STATUSES } from "../rollouts/state-machine";
import { toPublicRouter } from "./queries";
import type { RouterIdInput } from "./schemas";

/** Removes a router. Refused while a rollout is splitting traffic on its system: the rollout
 * could never be confirmed applied, nor rolled back, through a router Switchyard forgot. */
export async function deleteRouter({ ctx, input }: { ctx: ServiceContext; input: RouterIdInput }) {
  requirePermission(ctx, "routers.write");
  return db.$transaction(async (tx) => {
    const before = await tx.router.findUnique({ where: { id: input.routerId } });
    if (!before) throw new NotFoundError("No such router.");
    const active = await tx.rollout.findFirst({
      where: { systemId: before.systemId, status: { in: [...ACTIVE_STATUSES] } },
      select: { name: true, status: true },
    });
    if (active)
      throw new PreconditionFailedError(
        `Rollout "${active.name}" is ${active.status} on this system; finish or abort it before removing a router.`,
      );
    await tx.router.delete({ where: { id: before.id } });
    const removed = toPublicRouter(before);
    await recordAudit(tx, ctx, { action: "router.delete", entityType: "router", entityId: before.id, before: removed });
    return removed;
  });
}
