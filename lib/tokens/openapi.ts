// REST operations of tokens and identity, for /api/v1/openapi.json.
import { registerOperations } from "../api/openapi";
import { EX } from "../api/examples";
import { createApiTokenSchema, issuePersonalTokenSchema } from "./schemas";

const tokenRow = {
  id: EX.tokenId,
  name: "registry sync",
  prefix: "4f1c09ab",
  role: "admin",
  scopes: ["registry.read", "registry.write"],
  expiresAt: null,
  lastUsedAt: EX.later,
  revokedAt: null,
  createdAt: EX.at,
  createdById: "cmb7rk0u10000adminada0001",
};

registerOperations([
  {
    method: "get",
    path: "/api/v1/me",
    summary: "Who the caller is (token or session) and the permissions it holds",
    tag: "auth",
    responseExample: {
      actor: { type: "token", label: "token:switchyard CLI", role: "approver" },
      person: { id: EX.amy.id, name: EX.amy.name, email: "approver2@switchyard.local", role: "approver" },
      permissions: ["dashboard.read", "registry.read", "rollouts.read", "approvals.approve", "checklists.sign"],
    },
  },
  {
    method: "post",
    path: "/api/v1/auth/token",
    summary:
      "`switchyard login`: email and password in, a token acting as that person out (their role, every scope it allows, expires in 30 days by default, at most 90). The secret is in this answer only.",
    tag: "auth",
    public: true,
    body: issuePersonalTokenSchema,
    example: {
      email: "approver2@switchyard.local",
      password: "…",
      name: "switchyard CLI on amy-laptop",
      expiresInDays: 30,
    },
    responses: { "401": "Wrong email or password, or the account is disabled" },
    responseExample: {
      token: {
        id: EX.tokenId,
        name: "switchyard CLI on amy-laptop",
        prefix: "8c2e71d0",
        role: "approver",
        scopes: ["*"],
        expiresAt: "2027-01-02T09:41:12.000Z",
        token: "sy_8c2e71d0_Qm9vdHN0cmFwIHRva2VuIGV4YW1wbGU",
        user: { id: EX.amy.id, name: EX.amy.name, email: "approver2@switchyard.local", role: "approver" },
      },
    },
  },
  {
    method: "delete",
    path: "/api/v1/auth/token",
    summary: "`switchyard logout`: the calling token revokes itself",
    tag: "auth",
    responses: { "400": "Called with a session, not a token" },
    responseExample: { token: { ...tokenRow, revokedAt: EX.later } },
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "List API tokens (never the secrets)",
    tag: "auth",
    permission: "tokens.manage",
    responseExample: { tokens: [{ ...tokenRow, createdBy: { name: "Ada Admin" } }] },
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary:
      "Create an API token (by a signed-in admin, not by another token); it acts with its creator's role, narrowed by its scopes (another role: 403); the secret is returned once",
    tag: "auth",
    body: createApiTokenSchema,
    example: {
      name: "registry sync",
      scopes: ["registry.read", "registry.write"],
      expiresInDays: 365,
    },
    permission: "tokens.manage",
    serverActions: ["createApiTokenAction"],
    responseExample: { token: { ...tokenRow, token: "sy_4f1c09ab_cGlwZWxpbmUgdG9rZW4gZXhhbXBsZQ" } },
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{tokenId}",
    summary: "Revoke an API token",
    tag: "auth",
    permission: "tokens.manage",
    serverActions: ["revokeApiTokenAction"],
    responses: { "404": "Unknown token" },
    responseExample: { token: { ...tokenRow, revokedAt: EX.later } },
  },
]);
