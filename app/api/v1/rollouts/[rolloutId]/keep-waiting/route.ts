// POST /api/v1/rollouts/[rolloutId]/keep-waiting – the current analysis step waits { minutes } longer for its gates
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { idField } from "@/lib/validation";
import { keepWaitingSchema } from "@/lib/gate-overrides/schemas";
import { keepWaiting } from "@/lib/gate-overrides/keep-waiting";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";

export const POST = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const rolloutId = idField.parse(params.rolloutId);
  const input = await readInput(request, keepWaitingSchema, { rolloutId });
  await keepWaiting({ ctx, input });
  return { rollout: presentRollout(await getRolloutDetailOrThrow(ctx, rolloutId)) };
});
