// Router registration shapes, shared by the form, the actions and /api/v1/routers. Client-safe.
// Which settings and endpoint a kind accepts is checked by the verbs (lib/routers/registry.ts
// reuses the adapters' own parsers, which are server code).
import { z } from "zod";
import type { RouterKind } from "./types";
import { controlFreeJson, idField, nameField, slugField, text } from "../validation";

export const ROUTER_KINDS = [
  "builtin",
  "haproxy",
  "nginx",
  "istio",
  "gateway_api",
  "smi",
  "argo_rollouts",
  "webhook",
] as const satisfies readonly RouterKind[];

export const routerKindField = z.enum(ROUTER_KINDS, { error: `One of ${ROUTER_KINDS.join(", ")}` });

const MAX_SETTINGS_CHARS = 20_000;

export const routerSettingsField = z
  .record(text().max(100), controlFreeJson, { error: "A JSON object" })
  .refine((s) => JSON.stringify(s).length <= MAX_SETTINGS_CHARS, `At most ${MAX_SETTINGS_CHARS} characters of JSON`);

export const routerEndpointField = text({ error: "Required" })
  .trim()
  .min(1, "Required")
  .max(2000, "At most 2000 characters")
  .regex(/^[^\s<>{}]+$/, "No spaces, markup or braces");

/** Tokens, HMAC keys and kubeconfig YAML; stored encrypted, never returned. */
export const routerSecretField = text()
  .max(64_000, "At most 64 000 characters")
  .regex(/^[^\u0000]*$/, "No NUL characters");

export const createRouterSchema = z
  .object({
    /** Slug of the system this router fronts. */
    system: slugField,
    name: nameField(80),
    type: routerKindField,
    endpoint: routerEndpointField,
    settings: routerSettingsField.default({}),
    secret: routerSecretField.optional(),
  })
  .strict();
export type CreateRouterInput = z.infer<typeof createRouterSchema>;

/** What an update may change. The kind and system are fixed: register another router instead.
 * An absent or empty secret keeps the stored one; clearSecret removes it. */
export const updateRouterBodySchema = z
  .object({
    name: nameField(80).optional(),
    endpoint: routerEndpointField.optional(),
    settings: routerSettingsField.optional(),
    secret: routerSecretField.optional(),
    clearSecret: z.boolean().optional(),
  })
  .strict();
export const updateRouterSchema = updateRouterBodySchema.extend({ routerId: idField }).strict();
export type UpdateRouterInput = z.infer<typeof updateRouterSchema>;

export const routerIdSchema = z.object({ routerId: idField }).strict();
export type RouterIdInput = z.infer<typeof routerIdSchema>;
