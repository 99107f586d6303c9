// REST operations for a step whose gates did not decide: keep waiting, or accept it with a
// reason a second person confirms. For /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { gateOverrideBodySchema, keepWaitingBodySchema } from "./schemas";

const overrideId = "cmb7rm1a20061gateoverride";
const pending = {
  id: overrideId,
  rolloutId: EX.rolloutId,
  step: 5,
  gates: [{ gate: "error-rate", verdict: "waiting", reason: "error rate 0.00 % … : 412 of 1051 on challenger" }],
  reason: "Night traffic is too thin to reach the sample; 412 requests without an error over 6 hours is enough here",
  status: "pending",
  requestedBy: EX.rick,
  confirmedBy: null,
  createdAt: EX.at,
  confirmedAt: null,
  cancelledAt: null,
};

registerOperations([
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/keep-waiting",
    summary:
      "Keep waiting: the current analysis step may wait `minutes` longer for its gates (from its current limit, or from now when that has passed); inconclusive runs count afresh and a paused rollout goes on. Refused with the reason when it would stop again at once.",
    tag: "rollouts",
    body: keepWaitingBodySchema,
    example: { minutes: 60, reason: "Traffic picks up after 09:00" },
    permission: "rollouts.control",
    status: 200,
    serverActions: ["keepWaitingAction"],
    responses: {
      "200": "The rollout, with its step's new limit",
      "404": "Unknown rollout",
      "409": "Someone else changed the rollout (expectedRevision)",
      "412": "The current step doesn't wait for gates, the status doesn't allow it, or it would stop again at once",
    },
    responseExample: { rollout: { id: EX.rolloutId, status: "progressing", revision: 12 } },
  },
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}/gate-overrides",
    summary: "Requests to accept a step without its gates deciding (pending, confirmed, cancelled), newest first",
    tag: "rollouts",
    permission: "rollouts.read",
    responses: { "404": "Unknown rollout" },
    responseExample: { gateOverrides: [pending] },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/gate-overrides",
    summary:
      "Ask to accept the current analysis step although its gates have not passed (waiting for data or inconclusive), with a written reason (≥ 20 characters). Nothing moves until a different person confirms. A failed gate can't be accepted.",
    tag: "rollouts",
    body: gateOverrideBodySchema,
    example: { reason: pending.reason },
    permission: "overrides.request",
    serverActions: ["requestGateOverrideAction"],
    responses: {
      "201": "Asked; waiting for a second person",
      "404": "Unknown rollout",
      "409": "A request is already waiting",
      "412": "Not at an analysis step, every gate passes, or a gate failed",
    },
    responseExample: { gateOverride: pending },
  },
  {
    method: "post",
    path: "/api/v1/gate-overrides/{overrideId}/confirm",
    summary:
      "A second person confirms accepting the step: it completes as accepted (recorded as an override in the deployment record) and a paused rollout goes on. The person who asked can't confirm (also enforced by a database CHECK).",
    tag: "rollouts",
    permission: "overrides.confirm",
    status: 200,
    serverActions: ["confirmGateOverrideAction"],
    responses: {
      "403": "Same person as the one who asked, or role lacks overrides.confirm",
      "404": "Unknown request",
      "409": "Already confirmed or cancelled, or the rollout moved on",
    },
    responseExample: { rollout: { id: EX.rolloutId, status: "progressing", revision: 13 } },
  },
  {
    method: "post",
    path: "/api/v1/gate-overrides/{overrideId}/cancel",
    summary: "Withdraw a request to accept a step before anyone confirms it",
    tag: "rollouts",
    permission: "overrides.request or overrides.confirm",
    status: 200,
    serverActions: ["cancelGateOverrideAction"],
    responses: { "404": "Unknown request", "409": "No longer pending" },
    responseExample: { gateOverride: { ...pending, status: "cancelled", cancelledAt: EX.later } },
  },
]);
