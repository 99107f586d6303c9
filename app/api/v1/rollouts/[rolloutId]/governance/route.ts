// GET /api/v1/rollouts/[rolloutId]/governance – checklist items, approvals and what still blocks the start
import { apiRoute } from "@/lib/api/route";
import { getRolloutGovernance } from "@/lib/approvals/queries";
import { idField } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) => {
  const g = await getRolloutGovernance(ctx, idField.parse(params.rolloutId));
  return {
    rollout: g.rollout,
    checklist: g.items.map((i) => ({
      id: i.id,
      section: i.section,
      label: i.label,
      required: i.required,
      verification: i.verification,
      status: i.status,
      signedBy: i.signedBy?.name ?? null,
      signedAt: i.signedAt,
      note: i.note,
      evidenceUrl: i.evidenceUrl,
    })),
    approvals: g.approvals.map((a) => ({
      id: a.id,
      approver: a.approver,
      planHash: a.planHash,
      state: a.state,
      comment: a.comment,
      createdAt: a.createdAt,
      expiresAt: a.expiresAt,
    })),
    validApprovals: g.validApprovals,
    requiredApprovals: g.rollout.system.requiredApprovals,
    blockers: g.blockers,
    open: g.open,
  };
});
