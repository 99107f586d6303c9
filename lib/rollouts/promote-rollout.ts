import "server-only";
import type { ServiceContext } from "../permissions";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Skip the remaining steps: drive the challenger to full traffic and complete. Two people
 * promoting at once: one wins, the other gets a conflict; nothing is applied twice. */
export function promoteRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "promote", {
    permission: "rollouts.control",
    data: () => ({ statusReason: `Promoted by ${ctx.actor.label.replace(/ <.*>$/, "")}` }),
    drive: true,
  });
}
