// POST /api/v1/rollback-requests/[requestId]/review – a second person reviews a break-glass rollback { note }
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { reviewBreakGlassSchema } from "@/lib/rollbacks/schemas";
import { reviewBreakGlass } from "@/lib/rollbacks/review-break-glass";
import { toRollbackRequestJson } from "@/lib/rollbacks/to-json";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ requestId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, reviewBreakGlassSchema, { requestId: idField.parse(params.requestId) });
  return { rollbackRequest: toRollbackRequestJson(await reviewBreakGlass({ ctx, input })) };
});
