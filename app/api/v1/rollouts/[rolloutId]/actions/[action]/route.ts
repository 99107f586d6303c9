// POST /api/v1/rollouts/[rolloutId]/actions/[action] – submit, start, pause, resume, promote, advance, abort
// Body (optional): { expectedRevision?, reason? }. A stale expectedRevision or a concurrent command is 409.
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { idField } from "@/lib/validation";
import {
  rolloutActionParamSchema,
  rolloutCommandSchema,
  type RolloutAction,
  type RolloutCommandInput,
} from "@/lib/rollouts/schemas";
import type { ServiceContext } from "@/lib/permissions";
import { submitRollout } from "@/lib/rollouts/submit-rollout";
import { startRollout } from "@/lib/rollouts/start-rollout";
import { pauseRollout } from "@/lib/rollouts/pause-rollout";
import { resumeRollout } from "@/lib/rollouts/resume-rollout";
import { promoteRollout } from "@/lib/rollouts/promote-rollout";
import { advanceRollout } from "@/lib/rollouts/advance-rollout";
import { abortRollout } from "@/lib/rollouts/abort-rollout";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";

const VERBS: Record<RolloutAction, (args: { ctx: ServiceContext; input: RolloutCommandInput }) => Promise<unknown>> = {
  submit: submitRollout,
  start: startRollout,
  pause: pauseRollout,
  resume: resumeRollout,
  promote: promoteRollout,
  advance: advanceRollout,
  abort: abortRollout,
};

export const POST = apiRoute<{ rolloutId: string; action: string }>(async ({ request, ctx, params }) => {
  const rolloutId = idField.parse(params.rolloutId);
  const action = rolloutActionParamSchema.parse(params.action);
  const input = await readInput(request, rolloutCommandSchema, { rolloutId });
  await VERBS[action]({ ctx, input });
  return { rollout: presentRollout(await getRolloutDetailOrThrow(ctx, rolloutId)) };
});
