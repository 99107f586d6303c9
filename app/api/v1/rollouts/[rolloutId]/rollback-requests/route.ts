// GET /api/v1/rollouts/[rolloutId]/rollback-requests – the rollout's rollback requests, newest first
// POST /api/v1/rollouts/[rolloutId]/rollback-requests – request a rollback ({ reason }), or break-glass ({ reason, breakGlass: true })
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { rollbackRequestBodySchema } from "@/lib/rollbacks/schemas";
import { listRollbackRequests } from "@/lib/rollbacks/queries";
import { requestRollback } from "@/lib/rollbacks/request-rollback";
import { breakGlassRollback } from "@/lib/rollbacks/break-glass-rollback";
import { toRollbackRequestJson } from "@/lib/rollbacks/to-json";

export const GET = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) => {
  const requests = await listRollbackRequests(ctx, params.rolloutId);
  return { rollbackRequests: requests.map(toRollbackRequestJson) };
});

export const POST = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const body = await readJson(request, rollbackRequestBodySchema);
  if (body.breakGlass) {
    const {
      request: executed,
      weightsBefore,
      weightsAfter,
    } = await breakGlassRollback({ ctx, input: { rolloutId: params.rolloutId, reason: body.reason } });
    return json({ rollbackRequest: { ...toRollbackRequestJson(executed), weightsBefore, weightsAfter } }, 201);
  }
  const created = await requestRollback({ ctx, input: { rolloutId: params.rolloutId, reason: body.reason } });
  return json({ rollbackRequest: toRollbackRequestJson(created) }, 201);
});
