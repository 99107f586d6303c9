import { z } from "zod";
import { PERMISSIONS, type Permission } from "../permissions";
import { roleField } from "../users/schemas";
import { nameField } from "../validation";

export const createApiTokenSchema = z
  .object({
    name: nameField(80),
    /** Must be the creator's own role (the default): a token never carries more than its creator. */
    role: roleField.optional(),
    /** Permissions this token may use ("*" = everything its role allows). */
    scopes: z
      .array(z.union([z.literal("*"), z.enum(PERMISSIONS as [Permission, ...Permission[]])]))
      .min(1, "Give the token at least one scope")
      .max(40),
    expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ tokenId: z.string().min(1).max(64) }).strict();
export type RevokeApiTokenInput = z.infer<typeof revokeApiTokenSchema>;

/** POST /api/v1/auth/token: a person signs in from a terminal and gets a token acting as themselves. */
export const issuePersonalTokenSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("A valid email").max(320),
    password: z.string().min(1, "Required").max(200),
    /** Where the token will live, e.g. "switchyard CLI on build-7". */
    name: nameField(80).default("switchyard CLI"),
    expiresInDays: z.coerce.number().int().min(1).max(90).default(30),
  })
  .strict();
export type IssuePersonalTokenInput = z.infer<typeof issuePersonalTokenSchema>;
