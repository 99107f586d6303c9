import "server-only";
import type { ServiceContext } from "../permissions";
import { notifyApprovalRequested } from "../approvals/notify-approval-requested";
import { markReadyIfDone } from "../approvals/mark-ready";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Draft → awaiting approval: approvers are asked to sign this exact plan. A system that needs
 * no approval and has nothing left on the checklist goes straight to ready. */
export async function submitRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "submit", {
    permission: "rollouts.write",
    after: async (tx, rollout) => {
      await notifyApprovalRequested(tx, rollout.id);
      await markReadyIfDone(tx, ctx, rollout.id);
    },
  });
}
