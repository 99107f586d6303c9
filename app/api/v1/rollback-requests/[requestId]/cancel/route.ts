// POST /api/v1/rollback-requests/[requestId]/cancel – withdraw a pending rollback request { note? }
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { cancelRollbackRequestSchema } from "@/lib/rollbacks/schemas";
import { cancelRollbackRequest } from "@/lib/rollbacks/cancel-rollback-request";
import { toRollbackRequestJson } from "@/lib/rollbacks/to-json";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ requestId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, cancelRollbackRequestSchema, { requestId: idField.parse(params.requestId) });
  return { rollbackRequest: toRollbackRequestJson(await cancelRollbackRequest({ ctx, input })) };
});
