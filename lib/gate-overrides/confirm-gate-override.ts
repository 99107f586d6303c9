import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError, ServiceError } from "../errors";
import type { ServiceContext } from "../permissions";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import { runRolloutCommand } from "../rollouts/run-rollout-command";
import { assertRolloutMoves } from "../rollouts/assert-rollout-moves";
import type { ConfirmGateOverrideInput } from "./schemas";

const SELF = "You asked to accept this step, so you can't confirm it: a different person must (two-person rule).";

/**
 * Second half of accepting a step: a different person confirms, the step counts as accepted (the
 * controller completes it; a gate that fails later still rolls back) and a paused rollout goes on.
 * Refused for the person who asked (also by a CHECK in the database), twice, after a cancel, and
 * when the rollout has moved past that step meanwhile.
 */
export async function confirmGateOverride({ ctx, input }: { ctx: ServiceContext; input: ConfirmGateOverrideInput }) {
  return auditRefusals(
    ctx,
    { action: "gate_override.confirm", entityType: "gate_override", entityId: input.overrideId },
    async () => {
      const confirmerId = await actingPersonId(db, ctx, "confirm accepting a step");
      const found = await db.gateOverride.findUnique({ where: { id: input.overrideId }, select: { rolloutId: true } });
      if (!found) throw new NotFoundError("No such acceptance request.");
      try {
        return await runRolloutCommand(ctx, { rolloutId: found.rolloutId }, "accept", {
          permission: "overrides.confirm",
          before: async (tx, rollout) => {
            const override = await tx.gateOverride.findUniqueOrThrow({
              where: { id: input.overrideId },
              include: { confirmedBy: { select: { name: true } } },
            });
            if (override.requestedById === confirmerId) throw new ForbiddenError(SELF);
            if (override.status === "confirmed")
              throw new ConflictError(
                `This step was already accepted, confirmed by ${override.confirmedBy?.name ?? "someone"}.`,
              );
            if (override.status === "cancelled")
              throw new ConflictError("This request was cancelled; ask again if the step should still be accepted.");
            if (override.stepIndex !== rollout.currentStepIndex)
              throw new ConflictError(
                `The rollout has moved on from step ${override.stepIndex + 1} since this was asked: cancel it and ask again if needed.`,
              );
            const now = new Date();
            await tx.gateOverride.update({
              where: { id: override.id },
              data: { status: "confirmed", confirmedById: confirmerId, confirmedAt: now },
            });
            await tx.planStep.updateMany({
              where: { rolloutId: rollout.id, index: override.stepIndex },
              data: { note: `Accepted without its gates deciding: ${override.reason}`.slice(0, 500) },
            });
            await recordAudit(tx, ctx, {
              action: "gate_override.confirm",
              entityType: "gate_override",
              entityId: override.id,
              before: { status: "pending" },
              after: { status: "confirmed", confirmedById: confirmerId },
              meta: { rolloutId: rollout.id, stepIndex: override.stepIndex, gates: override.gates },
            });
          },
          data: () => ({ statusReason: null }),
          meta: () => ({ overrideId: input.overrideId }),
          after: (tx, rollout) => assertRolloutMoves(tx, rollout.id, "go on with the accepted step"),
          drive: true,
        });
      } catch (error) {
        if (
          !(error instanceof ServiceError) &&
          error instanceof Error &&
          /gate_overrides_two_person_check/.test(error.message)
        )
          throw new ForbiddenError(SELF);
        throw error;
      }
    },
  );
}
