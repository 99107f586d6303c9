// REST operations of deployment records, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";

const FILTERS = {
  system: "system slug",
  from: "YYYY-MM-DD, records started on or after",
  to: "YYYY-MM-DD, records started on or before",
  strategy: "canary, blue_green, shadow...",
  outcome: "completed, rolled_back or aborted",
};
const summary = {
  id: "cmb7rn1d10061deployrecord",
  number: "DR-2026-0042",
  system: "ticket-classifier",
  rollout: "ticket-router 1.6.0",
  rolloutId: EX.rolloutId,
  fromVersion: "1.4.0",
  toVersion: "1.6.0",
  strategy: "canary",
  startedAt: EX.at,
  frozenAt: EX.later,
  outcome: "completed",
  rollbackUsed: false,
  digest: "sha256:1b7c4e0d9a2f8c6b5e3d1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807",
  auditHash: "7e2d9c1b0a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d",
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/records",
    summary: "Deployment records, newest first",
    tag: "records",
    permission: "records.read",
    query: { ...FILTERS, number: "a record number, e.g. DR-2026-0042" },
    responseExample: { records: [summary] },
  },
  {
    method: "get",
    path: "/api/v1/records/{recordId}",
    summary:
      "One deployment record (id or number) in seed 001's format, with digest, audit hash and the rollout spec it was applied from",
    tag: "records",
    permission: "records.read",
    responses: { "404": "Unknown record" },
    responseExample: {
      record: {
        ...summary,
        stages: [{ name: "10 %", weight: 10, startedAt: EX.at }],
        timeline: [{ at: EX.at, event: "rollout.start" }],
        issues: [],
        notes: "",
        spec: { hash: "sha256:5c0e…", apiVersion: "switchyard.dev/v1" },
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/records/export",
    summary:
      "Export records as json, ndjson, csv or pdf. Headers x-switchyard-export-digest (sha256 of the body), x-switchyard-audit-head and x-switchyard-record-count",
    tag: "records",
    permission: "records.export",
    query: { format: "json (default), ndjson, csv or pdf", ...FILTERS },
    responseExample: { records: [summary] },
  },
]);
