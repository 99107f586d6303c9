import "server-only";
import { PreconditionFailedError } from "../errors";
import type { ServiceContext } from "../permissions";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Finish the current pause now (a person's go-ahead) and apply the next step at once. Gates
 * can't be skipped this way: an analysis step only passes on evidence. */
export function advanceRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "advance", {
    permission: "rollouts.control",
    before: async (tx, rollout) => {
      const step = await tx.planStep.findUnique({
        where: { rolloutId_index: { rolloutId: rollout.id, index: rollout.currentStepIndex } },
      });
      if (!step) throw new PreconditionFailedError("The plan has no step left to advance past: promote to finish.");
      if (step.kind !== "pause")
        throw new PreconditionFailedError(
          `Step ${step.index + 1} is ${step.kind.replace(/_/g, " ")}, not a pause: only pauses can be advanced by hand.`,
        );
      await tx.planStep.update({
        where: { id: step.id },
        data: {
          status: "completed",
          completedAt: new Date(),
          note: `Advanced by ${ctx.actor.label}`,
          startedAt: step.startedAt ?? new Date(),
        },
      });
    },
    data: (rollout) => ({ currentStepIndex: rollout.currentStepIndex + 1, stepStartedAt: null, statusReason: null }),
    drive: true,
  });
}
