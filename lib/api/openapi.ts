// The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas the handlers use.
// Each domain lists its operations in its own openapi.ts (registered by lib/api/openapi-operations.ts);
// lib/api/openapi-parity.test.ts fails when a server action or a route handler is missing here.
import { z } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  /** JSON body (the route's zod schema, without the path parameters). */
  body?: z.ZodType;
  /** A body the schema accepts (checked by the parity test). Required when there is a body. */
  example?: unknown;
  /** What a successful answer looks like. */
  responseExample: unknown;
  /** Query parameters: name → what it does. */
  query?: Record<string, string>;
  public?: boolean;
  permission?: string;
  responses?: Record<string, string>;
  /** The server actions (UI commands) this route mirrors over the same service verb. */
  serverActions?: string[];
  /** Success status when it is not 200 (GET, PATCH, PUT, DELETE) or 201 (POST). */
  status?: number;
}

export const OPERATIONS: Operation[] = [];

/** Each domain's openapi.ts adds its operations at import time. */
export function registerOperations(ops: Operation[]) {
  for (const op of ops) if (!OPERATIONS.some((o) => o.method === op.method && o.path === op.path)) OPERATIONS.push(op);
}

const PROBLEM = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

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
  example: {
    type: "https://switchyard.dev/problems/invalid_input",
    title: "Bad request",
    status: 400,
    detail: "Invalid input: reason: Say why, in at least 10 characters",
    code: "invalid_input",
    requestId: "7f0c5a4e-9a55-4a49-8f43-3f4b8c1f2d11",
    invalidParams: [{ name: "reason", reason: "Say why, in at least 10 characters" }],
  },
};

export function successStatus(op: Pick<Operation, "method" | "status">): number {
  return op.status ?? (op.method === "post" ? 201 : 200);
}

export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: "query",
        required: false,
        description,
        schema: { type: "string" },
      })),
    ];
    const ok = String(successStatus(op));
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      tags: [op.tag],
      ...(op.permission ? { "x-permission": op.permission } : {}),
      ...(op.serverActions?.length ? { "x-server-actions": op.serverActions } : {}),
      ...(op.public ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(op.body, { io: "input", unrepresentable: "any" }),
                  ...(op.example !== undefined ? { example: op.example } : {}),
                },
              },
            },
          }
        : {}),
      responses: {
        [ok]: {
          description: op.responses?.[ok] ?? "OK",
          content: { "application/json": { example: op.responseExample } },
        },
        ...Object.fromEntries(
          Object.entries(op.responses ?? {})
            .filter(([code]) => code !== ok)
            .map(([code, d]) => [code, { description: d, content: code.startsWith("2") ? undefined : PROBLEM }]),
        ),
        "400": { description: "Invalid input (field-level detail in invalidParams)", content: PROBLEM },
        ...(op.public
          ? {}
          : {
              "401": { description: "Missing, invalid or revoked token", content: PROBLEM },
              "403": { description: "Role or scope lacks the permission", content: PROBLEM },
            }),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard API",
      version: "1.0.0",
      description:
        "Control plane for changing ML models in production safely. Everything a person can do in the UI has a route here, over the same service verb and permission check. Errors are RFC 9457 problem+json.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "API token (sy_...): created by an admin, or by `switchyard login` for the person who signs in",
        },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}

/** listRollouts, postRolloutsRolloutIdApprovals... stable names for generated clients. */
export function operationId(op: Pick<Operation, "method" | "path">): string {
  const words = op.path
    .replace(/^\/api\/v1\//, "")
    .replace(/^\/api\//, "")
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return [op.method, ...words].map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join("");
}
