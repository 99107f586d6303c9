// GET /api/rollouts/[rolloutId] – the rollout for the live page (session; TanStack polling)
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) =>
  presentRollout(await getRolloutDetailOrThrow(ctx, idField.parse(params.rolloutId))),
);
