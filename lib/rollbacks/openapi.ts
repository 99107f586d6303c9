// REST operations of the rollback domain, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import {
  cancelRollbackRequestSchema,
  recordRootCauseSchema,
  reviewBreakGlassSchema,
  rollbackRequestBodySchema,
} from "./schemas";

const pending = {
  id: EX.requestId,
  rolloutId: EX.rolloutId,
  status: "pending",
  source: "manual",
  reason: "p95 latency doubled on the challenger since 09:40",
  breakGlass: false,
  requestedBy: EX.rick,
  confirmedBy: null,
  reviewedBy: null,
  createdAt: EX.at,
  confirmedAt: null,
  executedAt: null,
  reviewedAt: null,
  reviewNote: null,
  weightsBefore: null,
  weightsAfter: null,
};
const executed = {
  ...pending,
  status: "executed",
  confirmedBy: EX.amy,
  confirmedAt: EX.later,
  executedAt: EX.later,
  weightsBefore: { champion: 9000, challenger: 1000 },
  weightsAfter: { champion: 10000, challenger: 0 },
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}/rollback-requests",
    summary: "Rollback requests of a rollout (pending, executed, cancelled, failed; break-glass flagged), newest first",
    tag: "rollbacks",
    permission: "rollouts.read",
    responses: { "404": "Unknown rollout" },
    responseExample: { rollbackRequests: [pending] },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/rollback-requests",
    summary:
      "Request a two-person rollback with a reason (≥ 10 characters); a different person confirms it. With breakGlass: true one person rolls back at once (reason ≥ 20 characters), flagged for review.",
    tag: "rollbacks",
    body: rollbackRequestBodySchema,
    example: { reason: "p95 latency doubled on the challenger since 09:40" },
    permission: "rollbacks.request (break-glass: rollbacks.break_glass)",
    serverActions: ["requestRollbackAction", "breakGlassRollbackAction"],
    responses: {
      "201": "Requested (or executed, for break-glass)",
      "404": "Unknown rollout",
      "409": "A request is already pending",
      "412": "The rollout is not live (nothing to roll back)",
    },
    responseExample: { rollbackRequest: pending },
  },
  {
    method: "post",
    path: "/api/v1/rollback-requests/{requestId}/confirm",
    summary:
      "Confirm a pending rollback request; the rollback executes at once and the answer has the router weights before and after. The requester can't confirm their own request (also enforced by a database CHECK).",
    tag: "rollbacks",
    permission: "rollbacks.confirm",
    status: 200,
    serverActions: ["confirmRollbackAction"],
    responses: {
      "200": "Confirmed and executed",
      "403": "Same person as the requester, or role lacks rollbacks.confirm",
      "404": "Unknown request",
      "409": "Already confirmed, executed, cancelled or failed",
    },
    responseExample: {
      rollbackRequest: executed,
      routers: [{ router: "edge-builtin", ok: true, version: 4, error: null }],
    },
  },
  {
    method: "post",
    path: "/api/v1/rollback-requests/{requestId}/cancel",
    summary: "Withdraw a pending rollback request, with an optional note",
    tag: "rollbacks",
    body: cancelRollbackRequestSchema.omit({ requestId: true }),
    example: { note: "Latency recovered after the cache warmed up" },
    permission: "rollbacks.request or rollbacks.confirm",
    status: 200,
    serverActions: ["cancelRollbackRequestAction"],
    responses: { "404": "Unknown request", "409": "No longer pending" },
    responseExample: { rollbackRequest: { ...pending, status: "cancelled" } },
  },
  {
    method: "post",
    path: "/api/v1/rollback-requests/{requestId}/review",
    summary: "A second person reviews a break-glass rollback afterwards (note ≥ 10 characters)",
    tag: "rollbacks",
    body: reviewBreakGlassSchema.omit({ requestId: true }),
    example: { note: "Checked the error spike in the logs; the break-glass was justified" },
    permission: "rollbacks.confirm",
    status: 200,
    serverActions: ["reviewBreakGlassAction"],
    responses: { "403": "The person who broke the glass", "404": "Unknown request", "409": "Reviewed already" },
    responseExample: {
      rollbackRequest: { ...executed, breakGlass: true, confirmedBy: null, reviewedBy: EX.amy, reviewedAt: EX.later },
    },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/root-cause",
    summary:
      "Record the root cause after a rollback (≥ 20 characters): it goes on the incident and timeline, and unblocks the rolled-back versions",
    tag: "rollbacks",
    body: recordRootCauseSchema.omit({ rolloutId: true }),
    example: { rootCause: "The new tokenizer doubled the input length for long tickets; fixed in 1.6.1" },
    permission: "incidents.write",
    status: 200,
    serverActions: ["recordRootCauseAction"],
    responses: { "404": "Unknown rollout", "412": "Not rolled back" },
    responseExample: { rolloutId: EX.rolloutId, unblockedVersions: ["1.6.0"] },
  },
]);
