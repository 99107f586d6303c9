import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ServiceError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { actingPersonId } from "./acting-person";
import { approvalState, approvalTtlMs, shortHash } from "./approval-policy";
import { auditRefusals } from "./audit-refusals";
import { markReadyIfDone } from "./mark-ready";
import type { ApproveRolloutInput } from "./schemas";

/**
 * An approver signs the exact plan they reviewed (its hash). Refused for the author, for a plan
 * that changed since it was reviewed, for a plan not submitted, and twice for the same plan.
 * Expires after SWITCHYARD_APPROVAL_TTL_HOURS (24 h). When approvals and checklist are complete
 * the rollout becomes ready.
 */
export async function approveRollout({ ctx, input }: { ctx: ServiceContext; input: ApproveRolloutInput }) {
  return auditRefusals(
    ctx,
    { action: "approval.grant", entityType: "rollout", entityId: input.rolloutId, meta: { planHash: input.planHash } },
    async () => {
      requirePermission(ctx, "approvals.approve");
      const approverId = await actingPersonId(db, ctx, "approve a rollout plan");
      const rollout = await db.rollout.findUnique({
        where: { id: input.rolloutId },
        include: { author: { select: { name: true } } },
      });
      if (!rollout) throw new NotFoundError("No such rollout.");
      if (rollout.authorId === approverId) {
        throw new ForbiddenError(
          `You wrote this rollout plan, so you can't approve it: approvers other than the author (${rollout.author.name}) must.`,
        );
      }
      if (rollout.status !== "awaiting_approval" && rollout.status !== "ready") {
        throw new PreconditionFailedError(
          rollout.status === "draft"
            ? "This plan is still a draft: the release manager submits it for approval first."
            : `This rollout is ${rollout.status.replace(/_/g, " ")}: approvals are given before it starts.`,
        );
      }
      if (input.planHash !== rollout.planHash) {
        throw new PreconditionFailedError(
          `The plan changed since you reviewed it (you reviewed ${shortHash(input.planHash)}, the plan is now ${shortHash(rollout.planHash)}). Review the current plan and approve it.`,
        );
      }
      const now = new Date();
      const expiresAt = new Date(now.getTime() + approvalTtlMs());
      try {
        return await db.$transaction(async (tx) => {
          const existing = await tx.approval.findUnique({
            where: { rolloutId_approverId_planHash: { rolloutId: rollout.id, approverId, planHash: rollout.planHash } },
          });
          if (existing && approvalState(existing, rollout, now) === "valid") {
            throw new ConflictError(
              `You already approved this plan (${shortHash(rollout.planHash)}); your approval is valid until ${existing.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
            );
          }
          const approval = existing
            ? await tx.approval.update({
                where: { id: existing.id },
                data: { createdAt: now, expiresAt, voidedAt: null, comment: input.comment },
              })
            : await tx.approval.create({
                data: {
                  rolloutId: rollout.id,
                  approverId,
                  planHash: rollout.planHash,
                  comment: input.comment,
                  expiresAt,
                },
              });
          await recordAudit(tx, ctx, {
            action: "approval.grant",
            entityType: "approval",
            entityId: approval.id,
            before: existing,
            after: approval,
            meta: { rolloutId: rollout.id },
          });
          const ready = await markReadyIfDone(tx, ctx, rollout.id);
          return { approval, ready };
        });
      } catch (error) {
        // The database refuses self-approval itself (trigger approvals_not_by_author).
        if (
          !(error instanceof ServiceError) &&
          error instanceof Error &&
          /approve their own rollout/.test(error.message)
        ) {
          throw new ForbiddenError("You wrote this rollout plan, so you can't approve it.");
        }
        throw error;
      }
    },
  );
}
