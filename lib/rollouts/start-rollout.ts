import "server-only";
import { PreconditionFailedError } from "../errors";
import type { ServiceContext } from "../permissions";
import { getStartBlockers } from "../approvals/start-blockers";
import { runRolloutCommand } from "./run-rollout-command";
import { recordWeightChange } from "./record-weight-change";
import type { Weights } from "../routers/types";
import { currentEpoch } from "../controller/epoch";
import { db } from "../db";
import type { RolloutCommandInput } from "./schemas";

/** Ready → progressing, only when every required checklist item is signed and the plan has its
 * approvals; the first step is applied at once. Starting is itself a config change: the routers
 * get the rollout's variants, salt and id (so their metrics are attributed to it) before step 1. */
export async function startRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  const epoch = await currentEpoch(db);
  return runRolloutCommand(ctx, input, "start", {
    permission: "rollouts.control",
    before: async (tx, rollout) => {
      const blockers = await getStartBlockers(tx, rollout.id);
      if (blockers.length) throw new PreconditionFailedError(`Not ready to start: ${blockers.join("; ")}`);
    },
    data: () => ({ startedAt: new Date(), currentStepIndex: 0, stepStartedAt: null, statusReason: null }),
    after: async (tx, rollout) => {
      await recordWeightChange(tx, {
        rolloutId: rollout.id,
        weights: rollout.desiredWeights as Weights,
        stepIndex: null,
        reason: "Rollout started: routers take its variants, salt and id",
        actor: ctx.actor.label,
        epoch,
      });
    },
    event: "rollout.started",
    drive: true,
  });
}
