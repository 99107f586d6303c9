import "server-only";
import type { ServiceContext } from "../permissions";
import { notifyApprovalRequested } from "../approvals/notify-approval-requested";
import { runRolloutCommand } from "./run-rollout-command";
import type { RolloutCommandInput } from "./schemas";

/** Draft → awaiting approval: approvers are asked to sign this exact plan. */
export function submitRollout({ ctx, input }: { ctx: ServiceContext; input: RolloutCommandInput }) {
  return runRolloutCommand(ctx, input, "submit", {
    permission: "rollouts.write",
    after: (tx, rollout) => notifyApprovalRequested(tx, rollout.id),
  });
}
