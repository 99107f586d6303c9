// REST operations of approvals and the governance of one rollout, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { approveRolloutBodySchema } from "./schemas";

const approval = {
  id: EX.approvalId,
  rolloutId: EX.rolloutId,
  approverId: EX.amy.id,
  planHash: EX.planHash,
  comment: "Plan and gates reviewed",
  createdAt: EX.at,
  expiresAt: "2026-12-04T09:41:12.000Z",
  voidedAt: null,
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/approvals",
    summary:
      "What waits for the caller: submitted plans to approve (with counts), rollback requests to confirm, break-glass rollbacks to review",
    tag: "approvals",
    permission: "rollouts.read",
    responseExample: {
      rollouts: [
        {
          id: EX.rolloutId,
          name: "ticket-router 1.6.0",
          status: "awaiting_approval",
          strategy: "canary",
          system: "Support Ticket Classifier",
          author: EX.rick,
          valid: 0,
          needed: 1,
          approvedByMe: false,
          manualToSign: 14,
          requiredDone: 3,
          requiredTotal: 17,
        },
      ],
      pendingRollbacks: [],
      breakGlassToReview: [],
      can: { approve: true, sign: true, confirm: true },
    },
  },
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}/governance",
    summary: "A rollout's checklist items, approvals (valid, stale, expired, voided) and what still blocks its start",
    tag: "approvals",
    permission: "rollouts.read",
    responses: { "404": "Unknown rollout" },
    responseExample: {
      rollout: {
        id: EX.rolloutId,
        name: "ticket-router 1.6.0",
        status: "awaiting_approval",
        planHash: EX.planHash,
        author: EX.rick,
        system: { name: "Support Ticket Classifier", requiredApprovals: 1 },
      },
      checklist: [
        {
          id: EX.itemId,
          section: "Model validation",
          label: "Bias and fairness checks passed",
          required: true,
          verification: "manual",
          status: "pending",
          signedBy: null,
          signedAt: null,
          note: null,
          evidenceUrl: null,
        },
      ],
      approvals: [],
      validApprovals: 0,
      requiredApprovals: 1,
      blockers: [
        "Checklist: 1 required checklist item is not signed or verified yet: “Bias and fairness checks passed”.",
        "Approvals: 0 of 1 required approval of the current plan (3f9a1c0be2) from approvers other than the author.",
      ],
      open: true,
    },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/approvals",
    summary:
      "Approve the exact plan you reviewed (its hash, from GET /rollouts/{id}). Refused for the author, a changed plan, a draft, and twice. Expires after 24 h.",
    tag: "approvals",
    body: approveRolloutBodySchema,
    example: { planHash: EX.planHash, comment: "Plan and gates reviewed" },
    permission: "approvals.approve",
    serverActions: ["approveRolloutAction"],
    responses: {
      "403": "The author of the plan",
      "404": "Unknown rollout",
      "409": "Approved already",
      "412": "Plan changed since reviewed, or not submitted",
    },
    responseExample: { approval, ready: false },
  },
  {
    method: "delete",
    path: "/api/v1/approvals/{approvalId}",
    summary: "The approver withdraws their approval before the rollout starts; it stops counting at once",
    tag: "approvals",
    permission: "approvals.approve",
    serverActions: ["revokeApprovalAction"],
    responses: {
      "403": "Not your approval",
      "404": "Unknown approval",
      "409": "Voided already",
      "412": "Rollout started",
    },
    responseExample: { approval: { ...approval, voidedAt: EX.later } },
  },
]);
