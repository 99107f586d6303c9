import "server-only";
import { db } from "../db";
import type { ServiceContext } from "../permissions";
import type { Weights } from "../routers/types";
import { allToChampion } from "../strategies/plan";
import { currentEpoch } from "../controller/epoch";
import { recordWeightChange } from "./record-weight-change";
import { runRolloutCommand } from "./run-rollout-command";
import { isActive } from "./state-machine";
import { pushSystemRouting } from "./push-routing";
import type { RolloutCommandInput } from "./schemas";

/** Stop the rollout and send all traffic back to the champion on every router, at once. */
export async function abortRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  const epoch = await currentEpoch(db);
  let weightsBefore: Weights = {};
  let live = false;
  const { rollout } = await runRolloutCommand(ctx, input, "abort", {
    permission: "rollouts.control",
    before: async (tx, current) => {
      weightsBefore = current.desiredWeights as Weights;
      live = isActive(current.status);
      if (!live) return;
      const variants = await tx.rolloutVariant.findMany({
        where: { rolloutId: current.id },
        select: { key: true, role: true },
      });
      await recordWeightChange(tx, {
        rolloutId: current.id,
        weights: allToChampion(variants),
        stepIndex: null,
        reason: `Aborted: ${input.reason ?? "by hand"}`,
        actor: ctx.actor.label,
        epoch,
      });
    },
    data: () => ({ endedAt: new Date(), statusReason: `Aborted${input.reason ? `: ${input.reason}` : ""}` }),
    event: "rollout.aborted",
  });
  const routers = live
    ? await pushSystemRouting(db, {
        systemId: rollout.systemId,
        epoch,
        settle: { rolloutId: rollout.id, configVersion: rollout.configVersion },
      })
    : [];
  return { rollout, weightsBefore, weightsAfter: rollout.desiredWeights as Weights, routers };
}
