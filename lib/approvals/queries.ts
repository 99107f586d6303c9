import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { ACTIVE_STATUSES } from "../rollouts/state-machine";
import { actorId, can, requirePermission, type ServiceContext } from "../permissions";
import { approvalState, approvalsNeeded, countValidApprovals } from "./approval-policy";
import { getStartBlockers } from "./start-blockers";

/** Everything the governance panel of a rollout shows: checklist, approvals, what blocks the start. */
export async function getRolloutGovernance(ctx: ServiceContext, rolloutId: string) {
  requirePermission(ctx, "rollouts.read");
  const rollout = await db.rollout.findUnique({
    where: { id: rolloutId },
    include: {
      author: { select: { id: true, name: true } },
      system: { select: { name: true, requiredApprovals: true } },
      checklistItems: { orderBy: { position: "asc" }, include: { signedBy: { select: { name: true } } } },
      approvals: { orderBy: { createdAt: "asc" }, include: { approver: { select: { id: true, name: true } } } },
    },
  });
  if (!rollout) throw new NotFoundError("No such rollout.");
  const now = new Date();
  const me = actorId(ctx);
  const approvals = rollout.approvals.map((a) => ({
    ...a,
    state: approvalState(a, rollout, now),
    mine: a.approverId === me,
  }));
  const open = ["draft", "awaiting_approval", "ready"].includes(rollout.status);
  return {
    rollout: {
      id: rollout.id,
      name: rollout.name,
      status: rollout.status,
      planHash: rollout.planHash,
      author: rollout.author,
      // What this rollout needs (a spec may ask for more than the system's minimum).
      system: { ...rollout.system, requiredApprovals: approvalsNeeded(rollout) },
    },
    items: rollout.checklistItems,
    approvals,
    validApprovals: countValidApprovals(rollout.approvals, rollout, now),
    blockers: open ? await getStartBlockers(db, rollout.id, now) : [],
    open,
    can: {
      sign: open && can(ctx, "checklists.sign"),
      approve:
        ["awaiting_approval", "ready"].includes(rollout.status) &&
        can(ctx, "approvals.approve") &&
        me !== rollout.authorId &&
        !approvals.some((a) => a.mine && a.state === "valid"),
      isAuthor: me === rollout.authorId,
    },
  };
}
export type RolloutGovernanceData = Awaited<ReturnType<typeof getRolloutGovernance>>;

/** The Approvals page: what waits for the signed-in person. */
export async function getApprovalInbox(ctx: ServiceContext) {
  requirePermission(ctx, "rollouts.read");
  const me = actorId(ctx);
  const now = new Date();
  const awaiting = await db.rollout.findMany({
    where: { status: { in: ["draft", "awaiting_approval", "ready"] } },
    orderBy: { updatedAt: "desc" },
    take: 100,
    include: {
      system: { select: { name: true, requiredApprovals: true } },
      author: { select: { id: true, name: true } },
      approvals: true,
      checklistItems: { select: { required: true, status: true, verification: true } },
    },
  });
  const pendingRollbacks = await db.rollbackRequest.findMany({
    where: {
      status: "pending",
      breakGlass: false,
      rollout: { status: { in: [...ACTIVE_STATUSES] } },
    },
    orderBy: { createdAt: "asc" },
    include: {
      requestedBy: { select: { id: true, name: true } },
      rollout: { select: { id: true, name: true, system: { select: { name: true } } } },
    },
  });
  const breakGlass = await db.rollbackRequest.findMany({
    where: { breakGlass: true, reviewedAt: null, status: { in: ["executed", "failed"] } },
    orderBy: { createdAt: "desc" },
    include: {
      requestedBy: { select: { id: true, name: true } },
      rollout: { select: { id: true, name: true, system: { select: { name: true } } } },
    },
  });
  return {
    me,
    rollouts: awaiting.map((r) => {
      const required = r.checklistItems.filter((i) => i.required);
      return {
        id: r.id,
        name: r.name,
        status: r.status,
        strategy: r.strategy,
        system: r.system.name,
        author: r.author,
        valid: countValidApprovals(r.approvals, r, now),
        needed: approvalsNeeded(r),
        approvedByMe: r.approvals.some((a) => a.approverId === me && approvalState(a, r, now) === "valid"),
        manualToSign: required.filter((i) => i.verification === "manual" && i.status === "pending").length,
        requiredDone: required.filter((i) => i.status === "signed" || i.status === "verified").length,
        requiredTotal: required.length,
      };
    }),
    pendingRollbacks,
    breakGlass,
    can: {
      approve: can(ctx, "approvals.approve"),
      sign: can(ctx, "checklists.sign"),
      confirm: can(ctx, "rollbacks.confirm"),
    },
  };
}
