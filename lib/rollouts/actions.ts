"use server";
import { revalidatePath } from "next/cache";
import { authActionClient } from "../safe-action";
import { createRolloutSchema, rolloutCommandSchema, type RolloutCommandInput } from "./schemas";
import type { ServiceContext } from "../permissions";
import { createRollout } from "./create-rollout";
import { submitRollout } from "./submit-rollout";
import { startRollout } from "./start-rollout";
import { pauseRollout } from "./pause-rollout";
import { resumeRollout } from "./resume-rollout";
import { promoteRollout } from "./promote-rollout";
import { advanceRollout } from "./advance-rollout";
import { abortRollout } from "./abort-rollout";

export const createRolloutAction = authActionClient
  .metadata({ name: "createRollout" })
  .inputSchema(createRolloutSchema)
  .action(async ({ ctx, parsedInput }) => {
    const rollout = await createRollout({ ctx, input: parsedInput });
    revalidatePath("/rollouts");
    return { id: rollout.id };
  });

type CommandVerb = (args: {
  ctx: ServiceContext;
  input: RolloutCommandInput;
}) => Promise<{ rollout: { id: string; status: string; revision: number } }>;

const command = (name: string, verb: CommandVerb) =>
  authActionClient
    .metadata({ name })
    .inputSchema(rolloutCommandSchema)
    .action(async ({ ctx, parsedInput }) => {
      const { rollout } = await verb({ ctx, input: parsedInput });
      revalidatePath(`/rollouts/${rollout.id}`);
      return { id: rollout.id, status: rollout.status, revision: rollout.revision };
    });

export const submitRolloutAction = command("submitRollout", submitRollout);
export const startRolloutAction = command("startRollout", startRollout);
export const pauseRolloutAction = command("pauseRollout", pauseRollout);
export const resumeRolloutAction = command("resumeRollout", resumeRollout);
export const promoteRolloutAction = command("promoteRollout", promoteRollout);
export const advanceRolloutAction = command("advanceRollout", advanceRollout);
export const abortRolloutAction = command("abortRollout", abortRollout);
