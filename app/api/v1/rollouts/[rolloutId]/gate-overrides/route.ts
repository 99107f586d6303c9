// GET /api/v1/rollouts/[rolloutId]/gate-overrides – requests to accept a step without its gates deciding, newest first
// POST /api/v1/rollouts/[rolloutId]/gate-overrides – ask to accept the current step ({ reason }); a second person confirms
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { idField } from "@/lib/validation";
import { gateOverrideBodySchema } from "@/lib/gate-overrides/schemas";
import { listGateOverrides } from "@/lib/gate-overrides/queries";
import { requestGateOverride } from "@/lib/gate-overrides/request-gate-override";
import { toGateOverrideJson } from "@/lib/gate-overrides/to-json";

export const GET = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) => {
  const overrides = await listGateOverrides(ctx, idField.parse(params.rolloutId));
  return { gateOverrides: overrides.map(toGateOverrideJson) };
});

export const POST = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const body = await readJson(request, gateOverrideBodySchema);
  const created = await requestGateOverride({ ctx, input: { rolloutId: idField.parse(params.rolloutId), ...body } });
  return json({ gateOverride: toGateOverrideJson(created) }, 201);
});
