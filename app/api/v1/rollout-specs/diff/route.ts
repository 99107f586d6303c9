// POST /api/v1/rollout-specs/diff – what applying the spec would change (`switchyard diff`); writes nothing
import { apiRoute } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { rolloutSpecSchema } from "@/lib/rollouts/rollout-spec";
import { applyRolloutSpec } from "@/lib/rollouts/apply-rollout-spec";

export const POST = apiRoute(async ({ request, ctx }) => {
  const spec = await readJson(request, rolloutSpecSchema);
  return applyRolloutSpec({ ctx, input: { spec, dryRun: true } });
});
