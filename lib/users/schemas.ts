import { z } from "zod";
import { ROLES } from "../permissions";
import { nameField, text } from "../validation";

export const roleField = z.enum(ROLES, { error: `One of ${ROLES.join(", ")}` });

export const createUserSchema = z
  .object({
    email: text().trim().toLowerCase().email("A valid email").max(320),
    name: nameField(120),
    role: roleField,
    password: text().min(12, "At least 12 characters").max(72, "At most 72 characters"),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    userId: text().min(1).max(64),
    role: roleField.optional(),
    disabled: z.boolean().optional(),
    /** Lift a sign-in lock after too many failed attempts (lib/auth/throttle.ts). */
    unlock: z.literal(true).optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
