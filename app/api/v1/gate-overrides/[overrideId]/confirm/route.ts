// POST /api/v1/gate-overrides/[overrideId]/confirm – a second person confirms accepting the step; a paused rollout goes on
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { confirmGateOverride } from "@/lib/gate-overrides/confirm-gate-override";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";

export const POST = apiRoute<{ overrideId: string }>(async ({ ctx, params }) => {
  const { rollout } = await confirmGateOverride({ ctx, input: { overrideId: idField.parse(params.overrideId) } });
  return { rollout: presentRollout(await getRolloutDetailOrThrow(ctx, rollout.id)) };
});
