// REST operations of notification endpoints (webhooks), for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createEndpointSchema, setEndpointEnabledSchema } from "./schemas";

const endpoint = {
  id: EX.endpointId,
  name: "release channel",
  url: "https://hooks.slack.com/services/T000/B000/XXXX",
  events: ["rollout.started", "rollback.executed"],
  enabled: true,
  createdAt: EX.at,
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/notifications/endpoints",
    summary: "Webhook endpoints (never their secrets; signed = a secret is set)",
    tag: "notifications",
    permission: "notifications.manage",
    responseExample: { endpoints: [{ ...endpoint, signed: true }] },
  },
  {
    method: "post",
    path: "/api/v1/notifications/endpoints",
    summary: "Add a webhook endpoint (Slack-compatible payloads, HMAC-signed when a secret is set)",
    tag: "notifications",
    body: createEndpointSchema,
    example: {
      name: "release channel",
      url: "https://hooks.slack.com/services/T000/B000/XXXX",
      secret: "whsec-change-me",
      events: ["*"],
    },
    permission: "notifications.manage",
    serverActions: ["createNotificationEndpointAction"],
    responses: { "409": "Name taken" },
    responseExample: { endpoint },
  },
  {
    method: "patch",
    path: "/api/v1/notifications/endpoints/{endpointId}",
    summary: "Pause or resume deliveries to an endpoint",
    tag: "notifications",
    body: setEndpointEnabledSchema.omit({ endpointId: true }),
    example: { enabled: false },
    permission: "notifications.manage",
    serverActions: ["setNotificationEndpointEnabledAction"],
    responses: { "404": "Unknown endpoint" },
    responseExample: { endpoint: { ...endpoint, enabled: false } },
  },
  {
    method: "delete",
    path: "/api/v1/notifications/endpoints/{endpointId}",
    summary: "Remove an endpoint",
    tag: "notifications",
    permission: "notifications.manage",
    serverActions: ["deleteNotificationEndpointAction"],
    responses: { "404": "Unknown endpoint" },
    responseExample: { deleted: EX.endpointId },
  },
  {
    method: "post",
    path: "/api/v1/notifications/endpoints/{endpointId}/test",
    summary: "Queue a test message to one endpoint (sent by the controller's delivery loop)",
    tag: "notifications",
    permission: "notifications.manage",
    status: 202,
    serverActions: ["sendTestNotificationAction"],
    responses: { "404": "Unknown or disabled endpoint" },
    responseExample: { queued: EX.endpointId },
  },
]);
