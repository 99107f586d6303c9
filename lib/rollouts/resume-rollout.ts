import "server-only";
import type { ServiceContext } from "../permissions";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

export function resumeRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "resume", {
    permission: "rollouts.control",
    data: () => ({ statusReason: null }),
    drive: true,
  });
}
