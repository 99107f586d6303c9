import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import { enqueueNotification } from "../notifications/enqueue-notification";
import { lockRollout } from "../rollouts/lock-rollout";
import { undecidedGates } from "./undecided-gates";
import type { RequestGateOverrideInput } from "./schemas";

/**
 * First half of accepting a step: a person asks, with a written reason, to let the rollout go on
 * past its current analysis step although its gates have not passed (waiting for data or
 * inconclusive). Nothing moves until a different person confirms. A failed gate can't be
 * accepted (it rolls back). One request waits per rollout; one left from an earlier step is moot
 * and cancelled here.
 */
export async function requestGateOverride({ ctx, input }: { ctx: ServiceContext; input: RequestGateOverrideInput }) {
  return auditRefusals(
    ctx,
    {
      action: "gate_override.request",
      entityType: "rollout",
      entityId: input.rolloutId,
      meta: { reason: input.reason },
    },
    async () => {
      requirePermission(ctx, "overrides.request");
      const requestedById = await actingPersonId(db, ctx, "accept a step");
      return db.$transaction(async (tx) => {
        await lockRollout(tx, input.rolloutId);
        const rollout = await tx.rollout.findUnique({
          where: { id: input.rolloutId },
          include: { system: { select: { name: true, slug: true } } },
        });
        if (!rollout) throw new NotFoundError("No such rollout.");
        if (rollout.status !== "progressing" && rollout.status !== "paused")
          throw new PreconditionFailedError(
            `Only a running or paused rollout's step can be accepted; this one is ${rollout.status.replace(/_/g, " ")}.`,
          );
        const stepNo = rollout.currentStepIndex + 1;
        const current = await undecidedGates(tx, rollout);
        if (!current || current.stepKind !== "analysis")
          throw new PreconditionFailedError(
            `Step ${stepNo} is not a step that waits for gates${current ? ` (it is a ${current.stepKind.replace(/_/g, " ")} step)` : ""}: there is nothing to accept.`,
          );
        if (current.gates.length === 0)
          throw new PreconditionFailedError(`Every gate of step ${stepNo} passes: there is nothing to accept.`);
        const failed = current.gates.find((g) => g.verdict === "fail");
        if (failed)
          throw new PreconditionFailedError(
            `Gate "${failed.gate}" failed at step ${stepNo}: a failed gate rolls the rollout back and can't be accepted.`,
          );
        await tx.gateOverride.updateMany({
          where: { rolloutId: rollout.id, status: "pending", stepIndex: { not: rollout.currentStepIndex } },
          data: { status: "cancelled", cancelledAt: new Date() },
        });
        const pending = await tx.gateOverride.findFirst({
          where: { rolloutId: rollout.id, status: "pending" },
          include: { requestedBy: { select: { name: true } } },
        });
        if (pending)
          throw new ConflictError(
            `${pending.requestedBy.name} already asked to accept step ${stepNo}: confirm or cancel that request.`,
          );
        const override = await tx.gateOverride.create({
          data: {
            rolloutId: rollout.id,
            stepIndex: rollout.currentStepIndex,
            gates: current.gates as unknown as object,
            reason: input.reason,
            requestedById,
          },
        });
        await recordAudit(tx, ctx, {
          action: "gate_override.request",
          entityType: "gate_override",
          entityId: override.id,
          after: override,
          meta: { rolloutId: rollout.id, stepIndex: rollout.currentStepIndex },
        });
        await enqueueNotification(tx, {
          event: "gate_override.requested",
          title: `${rollout.system.name}: accepting step ${stepNo} of “${rollout.name}” asked`,
          text: `${ctx.actor.label.replace(/ <.*>$/, "")} asks to go on without ${current.gates.map((g) => g.gate).join(", ")} passing: ${input.reason}. A second person must confirm it.`,
          url: `/rollouts/${rollout.id}`,
          data: { rolloutId: rollout.id, overrideId: override.id, system: rollout.system.slug, reason: input.reason },
        });
        return override;
      });
    },
  );
}
