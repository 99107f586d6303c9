// DELETE /api/v1/approvals/[approvalId] – the approver withdraws their approval before the start
import { apiRoute } from "@/lib/api/route";
import { revokeApprovalSchema } from "@/lib/approvals/schemas";
import { revokeApproval } from "@/lib/approvals/revoke-approval";

export const DELETE = apiRoute<{ approvalId: string }>(async ({ ctx, params }) => ({
  approval: await revokeApproval({ ctx, input: revokeApprovalSchema.parse({ approvalId: params.approvalId }) }),
}));
