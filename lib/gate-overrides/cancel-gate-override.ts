import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { can, type ServiceContext } from "../permissions";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import type { CancelGateOverrideInput } from "./schemas";

/** Withdraws a request to accept a step that no second person has confirmed yet. */
export async function cancelGateOverride({ ctx, input }: { ctx: ServiceContext; input: CancelGateOverrideInput }) {
  return auditRefusals(
    ctx,
    { action: "gate_override.cancel", entityType: "gate_override", entityId: input.overrideId },
    async () => {
      if (!can(ctx, "overrides.request") && !can(ctx, "overrides.confirm"))
        throw new ForbiddenError(
          "Your role can't cancel acceptance requests (overrides.request or overrides.confirm).",
        );
      await actingPersonId(db, ctx, "cancel accepting a step");
      return db.$transaction(async (tx) => {
        const override = await tx.gateOverride.findUnique({ where: { id: input.overrideId } });
        if (!override) throw new NotFoundError("No such acceptance request.");
        const updated = await tx.gateOverride.updateMany({
          where: { id: override.id, status: "pending" },
          data: { status: "cancelled", cancelledAt: new Date() },
        });
        if (updated.count !== 1)
          throw new ConflictError(`This request is already ${override.status}: there is nothing to cancel.`);
        await recordAudit(tx, ctx, {
          action: "gate_override.cancel",
          entityType: "gate_override",
          entityId: override.id,
          before: { status: "pending" },
          after: { status: "cancelled" },
          meta: { rolloutId: override.rolloutId, stepIndex: override.stepIndex },
        });
        return tx.gateOverride.findUniqueOrThrow({ where: { id: override.id } });
      });
    },
  );
}
