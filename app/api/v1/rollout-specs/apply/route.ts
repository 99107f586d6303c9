// POST /api/v1/rollout-specs/apply – make the spec's rollout match the spec (`switchyard apply`): created, updated or unchanged
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { rolloutSpecSchema } from "@/lib/rollouts/rollout-spec";
import { applyRolloutSpec } from "@/lib/rollouts/apply-rollout-spec";

export const POST = apiRoute(async ({ request, ctx }) => {
  const spec = await readJson(request, rolloutSpecSchema);
  const result = await applyRolloutSpec({ ctx, input: { spec } });
  return json(result, result.action === "created" ? 201 : 200);
});
