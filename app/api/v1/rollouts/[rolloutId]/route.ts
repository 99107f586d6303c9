// GET /api/v1/rollouts/[rolloutId] – rollout with plan, live weights per router and recent changes
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";

export const GET = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) => ({
  rollout: presentRollout(await getRolloutDetailOrThrow(ctx, idField.parse(params.rolloutId))),
}));
