// REST operations of the rollback domain, for the OpenAPI document.
import { registerOperations } from "../api/openapi";
import { rollbackRequestBodySchema } from "./schemas";

registerOperations([
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}/rollback-requests",
    summary: "Rollback requests of a rollout (pending, executed, cancelled, failed; break-glass flagged), newest first",
    tag: "rollbacks",
    permission: "rollouts.read",
    responses: { "404": "Unknown rollout" },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/rollback-requests",
    summary:
      "Request a two-person rollback with a reason (≥ 10 characters); a different person confirms it. With breakGlass: true one person rolls back at once (reason ≥ 20 characters), flagged for review.",
    tag: "rollbacks",
    body: rollbackRequestBodySchema,
    permission: "rollbacks.request (break-glass: rollbacks.break_glass)",
    responses: {
      "201": "Requested (or executed, for break-glass)",
      "404": "Unknown rollout",
      "409": "A request is already pending",
      "412": "The rollout is not live (nothing to roll back)",
    },
  },
  {
    method: "post",
    path: "/api/v1/rollback-requests/{requestId}/confirm",
    summary:
      "Confirm a pending rollback request; the rollback executes at once and the response has the router weights before and after. The requester can't confirm their own request (also enforced by a database CHECK).",
    tag: "rollbacks",
    permission: "rollbacks.confirm",
    responses: {
      "200": "Confirmed and executed",
      "403": "Same person as the requester, or role lacks rollbacks.confirm",
      "404": "Unknown request",
      "409": "Already confirmed, executed, cancelled or failed",
    },
  },
]);
