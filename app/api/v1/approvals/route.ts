// GET /api/v1/approvals – what waits for the caller: plans to approve, rollbacks to confirm, break-glass to review
import { apiRoute } from "@/lib/api/route";
import { getApprovalInbox } from "@/lib/approvals/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ ctx }) => {
  const inbox = await getApprovalInbox(ctx);
  return {
    rollouts: inbox.rollouts,
    pendingRollbacks: inbox.pendingRollbacks.map((r) => ({
      id: r.id,
      reason: r.reason,
      createdAt: r.createdAt,
      requestedBy: r.requestedBy,
      rollout: { id: r.rollout.id, name: r.rollout.name, system: r.rollout.system.name },
    })),
    breakGlassToReview: inbox.breakGlass.map((r) => ({
      id: r.id,
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt,
      requestedBy: r.requestedBy,
      rollout: { id: r.rollout.id, name: r.rollout.name, system: r.rollout.system.name },
    })),
    can: inbox.can,
  };
});
