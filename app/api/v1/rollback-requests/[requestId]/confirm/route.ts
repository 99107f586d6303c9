// POST /api/v1/rollback-requests/[requestId]/confirm – a second person confirms; the rollback executes at once
import { apiRoute, json } from "@/lib/api/route";
import { confirmRollback } from "@/lib/rollbacks/confirm-rollback";
import { toRollbackRequestJson } from "@/lib/rollbacks/to-json";

export const POST = apiRoute<{ requestId: string }>(async ({ ctx, params }) => {
  const { request, weightsBefore, weightsAfter, routers } = await confirmRollback({
    ctx,
    input: { requestId: params.requestId },
  });
  return json({
    rollbackRequest: { ...toRollbackRequestJson(request), weightsBefore, weightsAfter },
    routers: routers.map((r) => ({ router: r.routerName, ok: r.ok, version: r.version, error: r.error })),
  });
});
