// POST /api/v1/rollouts/[rolloutId]/root-cause – record why a rolled-back version failed { rootCause }; unblocks the version
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { recordRootCauseSchema } from "@/lib/rollbacks/schemas";
import { recordRootCause } from "@/lib/rollbacks/record-root-cause";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, recordRootCauseSchema, { rolloutId: idField.parse(params.rolloutId) });
  const { unblocked } = await recordRootCause({ ctx, input });
  return { rolloutId: input.rolloutId, unblockedVersions: unblocked };
});
