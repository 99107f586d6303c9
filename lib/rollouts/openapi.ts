// REST operations of rollouts (create, read, commands, gate verdicts), for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createRolloutSchema, rolloutCommandBodySchema } from "./schemas";
import { rolloutSpecSchema, type RolloutSpecInput } from "./rollout-spec";

const SPEC_EXAMPLE: RolloutSpecInput = {
  apiVersion: "switchyard.dev/v1",
  kind: "Rollout",
  metadata: { name: "ticket-router 1.6.0", description: "Canary of the retrained router" },
  spec: {
    system: "ticket-classifier",
    strategy: "canary",
    challengers: [{ model: "ticket-router", version: "1.6.0", slot: "green" }],
    plan: [
      { setWeight: 10 },
      { analysis: { minSamples: 500 } },
      { setWeight: 50 },
      { pause: "10m" },
      { setWeight: 100 },
    ],
    approvals: { required: 2 },
  },
};
const APPLY_EXAMPLE = {
  action: "created",
  specHash: "sha256:5c0e9b7a1d3f2e4c6b8a0f9e7d5c3b1a2f4e6d8c0b9a7f5e3d1c2b4a6f8e0d9c",
  rollout: { id: EX.rolloutId, name: "ticket-router 1.6.0", status: "awaiting_approval", planHash: EX.planHash },
  changes: [
    { field: "strategy", op: "add", after: "canary" },
    { field: "plan[0]", op: "add", after: { setWeight: 10 } },
  ],
  voidedApprovals: 0,
};

/** GET /api/v1/rollouts/{id}, abridged: one step running, one router in sync. */
export const ROLLOUT_EXAMPLE = {
  id: EX.rolloutId,
  name: "ticket-router 1.6.0",
  description: "Canary of the retrained router",
  strategy: "canary",
  status: "progressing",
  phase: "beta",
  statusReason: null,
  revision: 7,
  planHash: EX.planHash,
  allowedCommands: ["pause", "promote", "advance", "abort"],
  system: { id: EX.systemId, slug: "ticket-classifier", name: "Support Ticket Classifier" },
  author: EX.rick,
  createdAt: EX.at,
  startedAt: EX.at,
  endedAt: null,
  currentStepIndex: 2,
  stepStartedAt: EX.later,
  desiredWeights: { champion: 9000, challenger: 1000 },
  configVersion: 3,
  inSync: true,
  trafficPath: { summary: "10 % of requests go to 1.6.0, the rest to 1.4.0" },
  config: {},
  gates: [],
  variants: [
    { key: "champion", role: "champion", version: "1.4.0", model: "ticket-router", versionId: EX.championVersionId },
    { key: "challenger", role: "challenger", version: "1.6.0", model: "ticket-router", versionId: EX.versionId },
  ],
  steps: [
    { index: 0, kind: "set_weight", params: { weight: 100 }, status: "completed" },
    { index: 1, kind: "analysis", params: {}, status: "completed" },
    { index: 2, kind: "set_weight", params: { weight: 1000 }, status: "running" },
  ],
  routers: [
    {
      id: EX.routerId,
      name: "edge-builtin",
      type: "builtin",
      health: "healthy",
      desiredVersion: 3,
      appliedVersion: 3,
      inSync: true,
      servedWeights: { champion: 9000, challenger: 1000 },
    },
  ],
  weightChanges: [],
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/rollouts",
    summary: "List rollouts, newest first",
    tag: "rollouts",
    permission: "rollouts.read",
    query: { system: "system slug", status: "comma-separated statuses, e.g. progressing,paused" },
    responseExample: {
      rollouts: [
        {
          id: EX.rolloutId,
          name: "ticket-router 1.6.0",
          system: "ticket-classifier",
          strategy: "canary",
          status: "progressing",
          desiredWeights: { champion: 9000, challenger: 1000 },
          inSync: true,
          author: "Rick Release",
          createdAt: EX.at,
          variants: [
            { key: "champion", role: "champion", version: "1.4.0" },
            { key: "challenger", role: "challenger", version: "1.6.0" },
          ],
        },
      ],
    },
  },
  {
    method: "post",
    path: "/api/v1/rollouts",
    summary:
      "Create a draft rollout: system, strategy, challenger versions; the plan defaults to the strategy's. Weights are basis points (1000 = 10 %).",
    tag: "rollouts",
    body: createRolloutSchema,
    example: {
      system: "ticket-classifier",
      name: "ticket-router 1.6.0",
      description: "Canary of the retrained router",
      strategy: "canary",
      challengers: [{ versionId: EX.versionId, upstreamUrl: "http://10.0.3.12:8000" }],
      steps: [
        { kind: "set_weight", weight: 1000 },
        { kind: "analysis", minSamples: 500 },
        { kind: "set_weight", weight: 5000 },
        { kind: "analysis", minSamples: 500 },
        { kind: "set_weight", weight: 10000 },
      ],
    },
    permission: "rollouts.write",
    serverActions: ["createRolloutAction"],
    responses: { "404": "Unknown system", "412": "System busy, blocked version or no champion" },
    responseExample: { rollout: { ...ROLLOUT_EXAMPLE, status: "draft", currentStepIndex: 0, startedAt: null } },
  },
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}",
    summary: "A rollout: plan, status, traffic path, live weights per router, recent weight changes",
    tag: "rollouts",
    permission: "rollouts.read",
    responses: { "404": "Unknown rollout" },
    responseExample: { rollout: ROLLOUT_EXAMPLE },
  },
  {
    method: "post",
    path: "/api/v1/rollouts/{rolloutId}/actions/{action}",
    summary:
      "Run a command: submit, start, pause, resume, promote, advance, abort. Optional body {expectedRevision, reason}; answers with the rollout.",
    tag: "rollouts",
    body: rolloutCommandBodySchema,
    example: { expectedRevision: 7, reason: "Latency looks fine at 10 %, moving on" },
    permission: "rollouts.control (submit: rollouts.write)",
    status: 200,
    serverActions: [
      "submitRolloutAction",
      "startRolloutAction",
      "pauseRolloutAction",
      "resumeRolloutAction",
      "promoteRolloutAction",
      "advanceRolloutAction",
      "abortRolloutAction",
    ],
    responses: {
      "409": "Someone else changed the rollout (concurrent command or stale revision)",
      "412": "Not allowed in the rollout's status, or not ready to start",
    },
    responseExample: { rollout: ROLLOUT_EXAMPLE },
  },
  {
    method: "post",
    path: "/api/v1/rollout-specs/apply",
    summary:
      "Rollouts as code (`switchyard apply`): make the system's rollout of that name match the spec. Same spec hash: unchanged. None yet (or the last one ended): created and submitted. Not started and different: edited (approvals of the old plan void) and submitted again. Running: refused.",
    tag: "rollouts",
    body: rolloutSpecSchema,
    example: SPEC_EXAMPLE,
    permission: "rollouts.write",
    status: 200,
    responses: {
      "200": "Updated or unchanged",
      "201": "Created",
      "400": "Invalid spec, or a version/slot the system doesn't have",
      "412": "The rollout is running, or the system is busy",
    },
    responseExample: APPLY_EXAMPLE,
  },
  {
    method: "post",
    path: "/api/v1/rollout-specs/diff",
    summary:
      "What applying the spec would do (`switchyard diff`): action create, update or unchanged, and each changed field in the spec's units. Writes nothing.",
    tag: "rollouts",
    body: rolloutSpecSchema,
    example: SPEC_EXAMPLE,
    permission: "rollouts.write",
    status: 200,
    responseExample: {
      ...APPLY_EXAMPLE,
      action: "update",
      changes: [{ field: "plan[3]", op: "change", before: { pause: "10m" }, after: { pause: "30m" } }],
    },
  },
  {
    method: "get",
    path: "/api/v1/rollout-specs/schema",
    summary: "The JSON Schema of rollout specs (also published at /schemas/rollout-spec.v1.json)",
    tag: "rollouts",
    public: true,
    responseExample: { $id: "https://switchyard.dev/schemas/rollout-spec.v1.json", title: "Switchyard rollout spec" },
  },
  {
    method: "get",
    path: "/api/v1/rollouts/{rolloutId}/analysis",
    summary:
      "The latest verdict of each gate (pass, fail, inconclusive) with its reason, and recent runs with evidence",
    tag: "analysis",
    permission: "rollouts.read",
    query: { take: "how many recent runs (default 50, at most 500)" },
    responses: { "404": "Unknown rollout" },
    responseExample: {
      gates: [
        {
          gate: "error-rate",
          verdict: "pass",
          reason: "Error rate 0.4 % vs 0.5 % (n = 812 / 7 301): no regression beyond 5 %",
          stepIndex: 1,
          windowStart: EX.at,
          windowEnd: EX.later,
          at: EX.later,
        },
      ],
      runs: [],
    },
  },
]);
