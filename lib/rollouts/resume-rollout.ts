import "server-only";
import type { ServiceContext } from "../permissions";
import { runRolloutCommand } from "./run-rollout-command";
import { assertRolloutMoves } from "./assert-rollout-moves";
import type { RolloutCommandInput } from "./schemas";

/**
 * Paused → progressing. The current step counts inconclusive runs afresh from now (the person has
 * looked), and the command is refused, with the reason and what to do instead, when the rollout
 * would only be paused again at once (a step past its maximum wait, a kill switch, a broken plan).
 */
export function resumeRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "resume", {
    permission: "rollouts.control",
    data: () => ({ statusReason: null }),
    after: async (tx, rollout) => {
      const now = new Date();
      await tx.planStep.updateMany({
        where: { rolloutId: rollout.id, index: rollout.currentStepIndex },
        data: { verdictsSince: now },
      });
      await assertRolloutMoves(tx, rollout.id, "resume", now);
    },
    drive: true,
  });
}
