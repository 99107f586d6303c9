import "server-only";
import { PreconditionFailedError } from "../errors";
import type { ServiceContext } from "../permissions";
import { getStartBlockers } from "../approvals/start-blockers";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Ready → progressing, only when every required checklist item is signed and the plan has its
 * approvals; the first step is applied at once. */
export function startRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "start", {
    permission: "rollouts.control",
    before: async (tx, rollout) => {
      const blockers = await getStartBlockers(tx, rollout.id);
      if (blockers.length) throw new PreconditionFailedError(`Not ready to start: ${blockers.join("; ")}`);
    },
    data: () => ({ startedAt: new Date(), currentStepIndex: 0, stepStartedAt: null, statusReason: null }),
    event: "rollout.started",
    drive: true,
  });
}
