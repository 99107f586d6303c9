// REST operations of incidents (the status page's communication), for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { openIncidentSchema, postIncidentUpdateBodySchema, resolveIncidentSchema } from "./schemas";

const incident = {
  id: EX.incidentId,
  systemId: EX.systemId,
  rolloutId: EX.rolloutId,
  title: "Slower ticket routing",
  severity: "minor",
  status: "investigating",
  rootCause: null,
  createdAt: EX.at,
  resolvedAt: null,
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/incidents",
    summary: "Incidents, newest first",
    tag: "incidents",
    permission: "rollouts.read",
    query: { open: "1 = unresolved only" },
    responseExample: { incidents: [{ ...incident, system: { name: "Support Ticket Classifier" }, updates: [] }] },
  },
  {
    method: "post",
    path: "/api/v1/incidents",
    summary: "Open an incident on the status page",
    tag: "incidents",
    body: openIncidentSchema,
    example: {
      systemId: EX.systemId,
      rolloutId: EX.rolloutId,
      title: "Slower ticket routing",
      severity: "minor",
      message: "Some tickets take longer to reach their queue; we are looking into it.",
    },
    permission: "incidents.write",
    serverActions: ["openIncidentAction"],
    responses: { "404": "Unknown system or rollout" },
    responseExample: { incident },
  },
  {
    method: "post",
    path: "/api/v1/incidents/{incidentId}/updates",
    summary: "Post a status update stakeholders see; status resolved closes the incident",
    tag: "incidents",
    body: postIncidentUpdateBodySchema,
    example: { status: "identified", message: "A new model version was slower; it has been rolled back." },
    permission: "incidents.write",
    serverActions: ["postIncidentUpdateAction"],
    responses: { "404": "Unknown incident", "412": "Resolved already" },
    responseExample: { ...incident, status: "identified" },
  },
  {
    method: "post",
    path: "/api/v1/incidents/{incidentId}/resolve",
    summary: "Close an incident with a last message and, when known, its root cause",
    tag: "incidents",
    body: resolveIncidentSchema.omit({ incidentId: true }),
    example: {
      message: "Ticket routing is back to normal speed.",
      rootCause: "The retrained model's tokenizer doubled the input length; rolled back to 1.4.0.",
    },
    permission: "incidents.write",
    status: 200,
    serverActions: ["resolveIncidentAction"],
    responses: { "404": "Unknown incident", "412": "Resolved already" },
    responseExample: { incident: { ...incident, status: "resolved", resolvedAt: EX.later } },
  },
]);
