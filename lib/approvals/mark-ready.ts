// awaiting_approval → ready once the checklist is done and enough approvers signed the plan.
import type { Tx } from "../db/create-client";
import { systemContext, type ServiceContext } from "../permissions";
import { transition } from "../rollouts/state-machine";
import { transitionRollout } from "../rollouts/transition-rollout";
import { approvalState, approvalsNeeded, countValidApprovals } from "./approval-policy";
import { getStartBlockers } from "./start-blockers";

/**
 * Moves the rollout to "ready" through the state machine's approve command when nothing blocks
 * it any more. Called after an approval, a signature or a system check; a no-op otherwise.
 * Returns true when the status changed. The change is Switchyard's (the approvers' own
 * approval.grant events say who approved): recording it under whoever happened to complete the
 * last item made the author look like the one who approved.
 */
export async function markReadyIfDone(tx: Tx, ctx: ServiceContext, rolloutId: string): Promise<boolean> {
  const rollout = await tx.rollout.findUnique({
    where: { id: rolloutId },
    include: {
      system: { select: { requiredApprovals: true } },
      approvals: { include: { approver: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!rollout || rollout.status !== "awaiting_approval") return false;
  if ((await getStartBlockers(tx, rolloutId)).length > 0) return false;
  // The start blockers above are the approvals rule; the state machine decides the status.
  transition(rollout.status, "approve", {
    approvals: countValidApprovals(rollout.approvals, rollout),
    approvalsRequired: approvalsNeeded(rollout),
  });
  const approvers = rollout.approvals.filter((a) => approvalState(a, rollout) === "valid").map((a) => a.approver.name);
  await transitionRollout(tx, systemContext("approvals"), {
    rollout,
    command: "approve",
    data: { statusReason: `Checklist done and plan approved by ${[...new Set(approvers)].join(", ")}` },
    meta: { planHash: rollout.planHash, approvedBy: [...new Set(approvers)], lastStepBy: ctx.actor.label },
  });
  return true;
}
