import { registerOperations } from "../api/openapi";
import { createRouterSchema, updateRouterBodySchema } from "./schemas";

registerOperations([
  {
    method: "get",
    path: "/api/v1/routers",
    summary:
      "List routers with health, desired/applied config version and last error (?system=<slug>). Secrets are never returned, only secretSet.",
    tag: "routers",
    permission: "routers.read",
  },
  {
    method: "post",
    path: "/api/v1/routers",
    summary:
      "Register a router: builtin, haproxy, nginx, istio, gateway_api, smi, argo_rollouts or webhook. Settings are checked per kind; the secret (token, HMAC key or kubeconfig) is stored encrypted.",
    tag: "routers",
    body: createRouterSchema,
    permission: "routers.write",
    responses: { "201": "Registered", "404": "Unknown system", "409": "Name taken on this system" },
  },
  {
    method: "get",
    path: "/api/v1/routers/{routerId}",
    summary: "One router: sync state, recent failed applications (newest first), the rollout driving its system",
    tag: "routers",
    permission: "routers.read",
    responses: { "404": "Unknown router" },
  },
  {
    method: "patch",
    path: "/api/v1/routers/{routerId}",
    summary:
      "Change name, endpoint, settings or secret. An absent or empty secret keeps the stored one; clearSecret removes it.",
    tag: "routers",
    body: updateRouterBodySchema,
    permission: "routers.write",
    responses: { "404": "Unknown router", "409": "Name taken on this system" },
  },
  {
    method: "delete",
    path: "/api/v1/routers/{routerId}",
    summary: "Remove a router",
    tag: "routers",
    permission: "routers.write",
    responses: { "404": "Unknown router", "412": "A rollout is live on its system" },
  },
  {
    method: "post",
    path: "/api/v1/routers/{routerId}/test",
    summary: "Test the connection: health and read-back of what the router serves; recorded on the router",
    tag: "routers",
    permission: "routers.write",
    responses: { "404": "Unknown router" },
  },
]);
