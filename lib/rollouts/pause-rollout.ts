import "server-only";
import type { ServiceContext } from "../permissions";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Stop moving: weights stay as they are until someone resumes. */
export function pauseRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "pause", {
    permission: "rollouts.control",
    data: () => ({
      statusReason: input.reason ? `Paused: ${input.reason}` : `Paused by ${ctx.actor.label.replace(/ <.*>$/, "")}`,
    }),
  });
}
