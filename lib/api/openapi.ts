// The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas the handlers use.
import { z } from "zod";
import { createSystemSchema, registerVersionSchema } from "../registry/schemas";
import { createApiTokenSchema } from "../tokens/schemas";

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  public?: boolean;
  permission?: string;
  responses?: Record<string, string>;
}

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/status",
    summary: "Public status feed: what each system serves, rollouts in progress, incidents, history",
    tag: "status",
    public: true,
  },
  { method: "get", path: "/api/v1/me", summary: "Who the caller is and its permissions", tag: "auth" },
  { method: "get", path: "/api/v1/systems", summary: "List systems", tag: "registry", permission: "registry.read" },
  {
    method: "post",
    path: "/api/v1/systems",
    summary: "Register a system",
    tag: "registry",
    body: createSystemSchema,
    permission: "systems.write",
    responses: { "201": "Created", "409": "Slug taken" },
  },
  {
    method: "get",
    path: "/api/v1/registry/versions",
    summary: "List registered model versions (?system=&model=)",
    tag: "registry",
    permission: "registry.read",
  },
  {
    method: "post",
    path: "/api/v1/registry/versions",
    summary:
      "Register a model version built by a pipeline. Refused without provenance (sha256 digest and pipeline run).",
    tag: "registry",
    body: registerVersionSchema,
    permission: "registry.write",
    responses: { "201": "Registered", "404": "Unknown system", "409": "Version already registered" },
  },
  {
    method: "get",
    path: "/api/v1/registry/versions/{versionId}",
    summary: "One registered version",
    tag: "registry",
    permission: "registry.read",
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "List API tokens (no secrets)",
    tag: "auth",
    permission: "tokens.manage",
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token (session of an admin); the secret is returned once",
    tag: "auth",
    body: createApiTokenSchema,
    permission: "tokens.manage",
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{tokenId}",
    summary: "Revoke an API token",
    tag: "auth",
    permission: "tokens.manage",
  },
];

/** Other modules add their operations here at import time (rollouts, routers, ingest...). */
export function registerOperations(ops: Operation[]) {
  for (const op of ops) if (!OPERATIONS.some((o) => o.method === op.method && o.path === op.path)) OPERATIONS.push(op);
}

const problemSchema = {
  type: "object",
  required: ["title", "status", "detail", "code"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string" },
    requestId: { type: "string" },
    invalidParams: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" }, reason: { type: "string" } } },
    },
  },
};

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.permission ? { "x-permission": op.permission } : {}),
      ...(op.public ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: z.toJSONSchema(op.body, { io: "input", unrepresentable: "any" }) },
              },
            },
          }
        : {}),
      responses: {
        [op.method === "post" ? "201" : "200"]: { description: "OK" },
        ...Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([code, d]) => [
            code,
            {
              description: d,
              content: code.startsWith("2")
                ? undefined
                : { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
            },
          ]),
        ),
        "400": {
          description: "Invalid input (field-level detail in invalidParams)",
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
        ...(op.public
          ? {}
          : {
              "401": {
                description: "Missing, invalid or revoked token",
                content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
              },
              "403": { description: "Role or scope lacks the permission" },
            }),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard API",
      version: "1.0.0",
      description: "Control plane for changing ML models in production safely. Errors are RFC 9457 problem+json.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "API token created by an admin (sy_...)" },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
