import { registerOperations } from "../api/openapi";
import { createRolloutSchema } from "./schemas";

registerOperations([
  {
    method: "get",
    path: "/api/v1/rollouts",
    summary: "List rollouts (?system=&status=a,b)",
    tag: "rollouts",
    permission: "rollouts.read",
  },
  {
    method: "post",
    path: "/api/v1/rollouts",
    summary: "Create a draft rollout: system, strategy, challenger versions; plan defaults to the strategy's",
    tag: "rollouts",
    body: createRolloutSchema,
    permission: "rollouts.write",
    responses: { "404": "Unknown system", "412": "System busy, blocked version or no champion" },
  },
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}",
    summary: "A rollout: plan, status, traffic path, live weights per router, recent weight changes",
    tag: "rollouts",
    permission: "rollouts.read",
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/actions/{action}",
    summary:
      "Run a command: submit, start, pause, resume, promote, advance, abort. Optional body {expectedRevision, reason}.",
    tag: "rollouts",
    permission: "rollouts.control",
    responses: {
      "409": "Someone else changed the rollout (concurrent command or stale revision)",
      "412": "Not allowed in the rollout's status, or not ready to start",
    },
  },
]);
