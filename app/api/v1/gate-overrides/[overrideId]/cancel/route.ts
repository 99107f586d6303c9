// POST /api/v1/gate-overrides/[overrideId]/cancel – withdraw a request to accept a step before anyone confirms it
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { cancelGateOverride } from "@/lib/gate-overrides/cancel-gate-override";
import { toGateOverrideJson } from "@/lib/gate-overrides/to-json";

export const POST = apiRoute<{ overrideId: string }>(async ({ ctx, params }) => {
  const override = await cancelGateOverride({ ctx, input: { overrideId: idField.parse(params.overrideId) } });
  return { gateOverride: toGateOverrideJson(override) };
});
