// Public operations (no token): the status feed and this document itself.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";

registerOperations([
  {
    method: "get",
    path: "/api/v1/status",
    summary: "Public status feed: what each system serves, rollouts in progress, incidents, history",
    tag: "status",
    public: true,
    responseExample: {
      generatedAt: EX.later,
      systems: [
        {
          slug: "ticket-classifier",
          name: "Support Ticket Classifier",
          status: "rollout_in_progress",
          serving: "ticket-router 1.4.0",
          rollout: {
            name: "ticket-router 1.6.0",
            strategy: "canary",
            status: "progressing",
            from: "1.4.0",
            to: ["1.6.0"],
            exposurePercent: 10,
            phase: "beta",
            startedAt: EX.at,
          },
          incidents: [],
          history: [],
        },
      ],
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This OpenAPI document",
    tag: "status",
    public: true,
    responseExample: { openapi: "3.1.0", info: { title: "Switchyard API", version: "1.0.0" }, paths: {} },
  },
]);
