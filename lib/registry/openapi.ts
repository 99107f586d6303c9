// REST operations of the registry (systems, model versions, slots), for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createSystemSchema, registerVersionSchema } from "./schemas";
import { createSlotBodySchema, updateSlotBodySchema } from "../slots/schemas";

const version = {
  id: EX.versionId,
  system: "ticket-classifier",
  model: "ticket-router",
  version: "1.6.0",
  artifactUri: "s3://models/ticket-router/1.6.0/model.onnx",
  digest: "sha256:9d2c4b1f0e7a6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c",
  pipelineRunId: "train-2026-12-02-0518",
  pipelineRunUrl: "https://ci.example.com/pipelines/train/runs/518",
  sourceCommit: "4be91c07a2d3",
  offlineMetrics: { accuracy: 0.934, f1: 0.921 },
  status: "registered",
  registeredBy: "token:release pipeline",
  createdAt: EX.at,
};

const slot = {
  id: EX.slotId,
  environment: "production",
  name: "green",
  upstreamUrl: "http://10.0.3.12:8000",
  version: { id: EX.versionId, model: "ticket-router", version: "1.6.0" },
  warmUntil: null,
  updatedAt: EX.at,
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/systems",
    summary: "List systems with what each serves",
    tag: "registry",
    permission: "registry.read",
    responseExample: {
      systems: [
        {
          id: EX.systemId,
          slug: "ticket-classifier",
          name: "Support Ticket Classifier",
          description: "Routes incoming support tickets to the right queue.",
          requiredApprovals: 1,
          mirrorSafeRoutes: ["/predict"],
          serving: { id: EX.championVersionId, model: "ticket-router", version: "1.4.0" },
        },
      ],
    },
  },
  {
    method: "post",
    path: "/api/v1/systems",
    summary: "Register a system (with a production environment and the default checklist template)",
    tag: "registry",
    body: createSystemSchema,
    example: {
      slug: "fraud-scoring",
      name: "Fraud Scoring",
      description: "Scores card payments before authorisation.",
      requiredApprovals: 2,
      mirrorSafeRoutes: ["/score"],
    },
    permission: "systems.write",
    serverActions: ["createSystemAction"],
    responses: { "409": "Slug taken" },
    responseExample: {
      system: {
        id: "cmb7rm0qz0009fraudsystem",
        slug: "fraud-scoring",
        name: "Fraud Scoring",
        requiredApprovals: 2,
        mirrorSafeRoutes: ["/score"],
        championVersionId: null,
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/registry/versions",
    summary: "List registered model versions",
    tag: "registry",
    permission: "registry.read",
    query: { system: "system slug", model: "model name" },
    responseExample: { versions: [version] },
  },
  {
    method: "post",
    path: "/api/v1/registry/versions",
    summary:
      "Register a model version built by a pipeline. Refused without provenance (sha256 digest and pipeline run).",
    tag: "registry",
    body: registerVersionSchema,
    example: {
      system: "ticket-classifier",
      model: "ticket-router",
      version: "1.6.0",
      artifactUri: "s3://models/ticket-router/1.6.0/model.onnx",
      digest: "sha256:9d2c4b1f0e7a6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c",
      pipelineRunId: "train-2026-12-02-0518",
      pipelineRunUrl: "https://ci.example.com/pipelines/train/runs/518",
      sourceCommit: "4be91c07a2d3",
      offlineMetrics: { accuracy: 0.934, f1: 0.921 },
    },
    permission: "registry.write",
    responses: { "201": "Registered", "404": "Unknown system", "409": "Version already registered" },
    responseExample: { version },
  },
  {
    method: "get",
    path: "/api/v1/registry/versions/{versionId}",
    summary: "One registered version with its provenance",
    tag: "registry",
    permission: "registry.read",
    responses: { "404": "Unknown version" },
    responseExample: { version },
  },
  {
    method: "get",
    path: "/api/v1/systems/{system}/slots",
    summary: "A system's slots (model server endpoints) by environment, with the version each runs",
    tag: "registry",
    permission: "registry.read",
    responses: { "404": "Unknown system" },
    responseExample: { slots: [slot] },
  },
  {
    method: "post",
    path: "/api/v1/systems/{system}/slots",
    summary:
      "Register a slot: a model server endpoint in an environment (created on first use), optionally with the version it runs. Challengers can then name the slot.",
    tag: "registry",
    body: createSlotBodySchema,
    example: {
      environment: "production",
      name: "green",
      upstreamUrl: "http://10.0.3.12:8000",
      versionId: EX.versionId,
    },
    permission: "systems.write",
    responses: { "404": "Unknown system", "409": "Slot name taken in that environment" },
    responseExample: {
      slot: {
        id: EX.slotId,
        environment: "production",
        name: "green",
        upstreamUrl: "http://10.0.3.12:8000",
        versionId: EX.versionId,
        createdAt: EX.at,
      },
    },
  },
  {
    method: "patch",
    path: "/api/v1/slots/{slotId}",
    summary:
      "Record what a slot runs now (endpoint, version). Refused while an unfinished rollout routes to it, and for the champion's slot.",
    tag: "registry",
    body: updateSlotBodySchema,
    example: { upstreamUrl: "http://10.0.3.14:8000", versionId: EX.versionId },
    permission: "systems.write",
    responses: { "404": "Unknown slot", "412": "A rollout routes to it, or it serves the champion" },
    responseExample: {
      slot: { id: EX.slotId, name: "green", upstreamUrl: "http://10.0.3.14:8000", versionId: EX.versionId },
    },
  },
]);
