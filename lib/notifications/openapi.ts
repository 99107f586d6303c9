// REST operations of records, audit verification, notifications and incidents, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { createEndpointSchema } from "./schemas";
import { openIncidentSchema } from "../incidents/schemas";

registerOperations([
  {
    method: "post",
    path: "/api/v1/audit/verify",
    summary: "Verify the whole audit chain now; names the first tampered row (records an audit.verify event)",
    tag: "audit",
    permission: "audit.verify",
  },
  {
    method: "get",
    path: "/api/v1/audit/verify",
    summary: "Latest audit chain verification results (?take=)",
    tag: "audit",
    permission: "audit.read",
  },
  {
    method: "get",
    path: "/api/v1/records",
    summary: "Deployment records (?system=&from=&to=&strategy=&outcome=&number=)",
    tag: "records",
    permission: "records.read",
  },
  {
    method: "get",
    path: "/api/v1/records/{recordId}",
    summary: "One deployment record (id or number) in seed 001's format, with digest and audit hash",
    tag: "records",
    permission: "records.read",
  },
  {
    method: "get",
    path: "/api/v1/records/export",
    summary:
      "Export records as json, ndjson, csv or pdf (?format=&filters). Headers x-switchyard-export-digest (sha256 of the body) and x-switchyard-audit-head",
    tag: "records",
    permission: "records.export",
  },
  {
    method: "get",
    path: "/api/v1/notifications/endpoints",
    summary: "Webhook endpoints (no secrets)",
    tag: "notifications",
    permission: "notifications.manage",
  },
  {
    method: "post",
    path: "/api/v1/notifications/endpoints",
    summary: "Add a webhook endpoint (Slack-compatible payloads, HMAC-signed when a secret is set)",
    tag: "notifications",
    body: createEndpointSchema,
    permission: "notifications.manage",
  },
  {
    method: "get",
    path: "/api/v1/incidents",
    summary: "Incidents (?open=1)",
    tag: "incidents",
    permission: "rollouts.read",
  },
  {
    method: "post",
    path: "/api/v1/incidents",
    summary: "Open an incident on the status page",
    tag: "incidents",
    body: openIncidentSchema,
    permission: "incidents.write",
  },
  {
    method: "post",
    path: "/api/v1/incidents/{incidentId}/updates",
    summary: "Post an incident update; status resolved closes it",
    tag: "incidents",
    permission: "incidents.write",
  },
]);
