// POST /api/v1/rollouts/[rolloutId]/approvals – approve the plan you reviewed { planHash, comment? } (approver, not the author)
import { apiRoute, json } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { approveRolloutSchema } from "@/lib/approvals/schemas";
import { approveRollout } from "@/lib/approvals/approve-rollout";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, approveRolloutSchema, { rolloutId: idField.parse(params.rolloutId) });
  const { approval, ready } = await approveRollout({ ctx, input });
  return json({ approval, ready }, 201);
});
