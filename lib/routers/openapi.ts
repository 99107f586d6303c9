// REST operations of routers, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createRouterSchema, updateRouterBodySchema } from "./schemas";

const router = {
  id: EX.routerId,
  systemId: EX.systemId,
  name: "edge-builtin",
  type: "builtin",
  endpoint: "http://10.0.2.5:7201",
  settings: { dataUrl: "http://10.0.2.5:8080" },
  health: "healthy",
  desiredVersion: 3,
  appliedVersion: 3,
  lastAppliedAt: EX.later,
  lastError: null,
  secretSet: true,
  system: { slug: "ticket-classifier", name: "Support Ticket Classifier" },
};
const pushResult = { routerId: EX.routerId, routerName: "edge-builtin", ok: true, version: 3, ms: 14 };

registerOperations([
  {
    method: "get",
    path: "/api/v1/routers",
    summary:
      "List routers with health, desired/applied config version and last error. Secrets are never returned, only secretSet.",
    tag: "routers",
    permission: "routers.read",
    query: { system: "system slug" },
    responseExample: { routers: [router] },
  },
  {
    method: "post",
    path: "/api/v1/routers",
    summary:
      "Register a router: builtin, haproxy, nginx, istio, gateway_api, smi, argo_rollouts or webhook. Settings are checked per kind; the secret (token, HMAC key or kubeconfig) is stored encrypted.",
    tag: "routers",
    body: createRouterSchema,
    example: {
      system: "ticket-classifier",
      name: "edge-builtin",
      type: "builtin",
      endpoint: "http://10.0.2.5:7201",
      settings: { dataUrl: "http://10.0.2.5:8080" },
      secret: "router-admin-token-change-me",
    },
    permission: "routers.write",
    serverActions: ["createRouterAction"],
    responses: { "201": "Registered", "404": "Unknown system", "409": "Name taken on this system" },
    responseExample: { router },
  },
  {
    method: "get",
    path: "/api/v1/routers/{routerId}",
    summary: "One router: sync state, recent failed applications (newest first), the rollout driving its system",
    tag: "routers",
    permission: "routers.read",
    responses: { "404": "Unknown router" },
    responseExample: { router, recentErrors: [], activeRollout: { id: EX.rolloutId, name: "ticket-router 1.6.0" } },
  },
  {
    method: "patch",
    path: "/api/v1/routers/{routerId}",
    summary:
      "Change name, endpoint, settings or secret. An absent or empty secret keeps the stored one; clearSecret removes it.",
    tag: "routers",
    body: updateRouterBodySchema,
    example: { endpoint: "http://10.0.2.6:7201" },
    permission: "routers.write",
    serverActions: ["updateRouterAction"],
    responses: { "404": "Unknown router", "409": "Name taken on this system" },
    responseExample: { router: { ...router, endpoint: "http://10.0.2.6:7201" } },
  },
  {
    method: "delete",
    path: "/api/v1/routers/{routerId}",
    summary: "Remove a router",
    tag: "routers",
    permission: "routers.write",
    serverActions: ["deleteRouterAction"],
    responses: { "404": "Unknown router", "412": "A rollout is live on its system" },
    responseExample: { router },
  },
  {
    method: "post",
    path: "/api/v1/routers/{routerId}/test",
    summary: "Test the connection: health and read-back of what the router serves; recorded on the router",
    tag: "routers",
    permission: "routers.write",
    status: 200,
    serverActions: ["testRouterConnectionAction"],
    responses: { "404": "Unknown router" },
    responseExample: {
      result: { ok: true, health: "healthy", served: { champion: 10000 }, checkedAt: EX.later, ms: 9 },
    },
  },
  {
    method: "post",
    path: "/api/v1/routers/{routerId}/sync",
    summary: "Push the system's current routing to this router now and confirm it by read-back",
    tag: "routers",
    permission: "routers.write",
    status: 200,
    serverActions: ["syncRouterAction"],
    responses: { "404": "Unknown router" },
    responseExample: { result: pushResult },
  },
]);
