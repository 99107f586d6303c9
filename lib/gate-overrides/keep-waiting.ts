import "server-only";
import { PreconditionFailedError } from "../errors";
import type { ServiceContext } from "../permissions";
import { analysisDeadline } from "../strategies/step-deadline";
import type { AnalysisStep, StrategyConfig } from "../strategies/plan";
import type { KeepWaitingInput } from "./schemas";
import { runRolloutCommand } from "../rollouts/run-rollout-command";
import { assertRolloutMoves } from "../rollouts/assert-rollout-moves";

/**
 * "Keep waiting": the current analysis step may wait `minutes` longer for its gates (from its
 * current limit, or from now if that has passed), and inconclusive runs count afresh. A paused
 * rollout goes on; a running one just gets the longer wait. Audited with the new limit.
 */
export function keepWaiting({ ctx, input }: { ctx: ServiceContext; input: KeepWaitingInput }) {
  const now = new Date();
  let waitUntil: Date | null = null;
  return runRolloutCommand(ctx, input, "keep_waiting", {
    permission: "rollouts.control",
    before: async (tx, rollout) => {
      const step = await tx.planStep.findUnique({
        where: { rolloutId_index: { rolloutId: rollout.id, index: rollout.currentStepIndex } },
      });
      if (!step || step.kind !== "analysis" || !rollout.stepStartedAt)
        throw new PreconditionFailedError(
          `Keep waiting applies to a step that waits for its gates; step ${rollout.currentStepIndex + 1} ${step ? `is a ${step.kind.replace(/_/g, " ")} step` : "doesn't exist"}.`,
        );
      const deadline = analysisDeadline({
        stepStartedAt: rollout.stepStartedAt,
        waitUntil: step.waitUntil,
        step: step.params as AnalysisStep,
        config: rollout.config as StrategyConfig,
      })!;
      waitUntil = new Date(Math.max(deadline.getTime(), now.getTime()) + input.minutes * 60_000);
    },
    data: () => ({ statusReason: null }),
    meta: () => ({ minutes: input.minutes, waitUntil: waitUntil?.toISOString() }),
    after: async (tx, rollout) => {
      await tx.planStep.updateMany({
        where: { rolloutId: rollout.id, index: rollout.currentStepIndex },
        data: { waitUntil, verdictsSince: now },
      });
      await assertRolloutMoves(tx, rollout.id, "keep waiting", now);
    },
    drive: true,
  });
}
