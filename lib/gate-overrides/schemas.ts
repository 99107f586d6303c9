// Accepting an undecided analysis step, and extending its wait: request shapes and messages.
import { z } from "zod";

const id = (what: string) =>
  z
    .string({ error: `Required: the ${what}` })
    .trim()
    .min(1, `Required: the ${what}`)
    .max(100);
const text = (min: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(min, message)
    .max(2000, "At most 2000 characters")
    .regex(/^[^<>]*$/, "Must not contain < or >");

export const requestGateOverrideSchema = z
  .object({
    rolloutId: id("rollout"),
    reason: text(20, "Say why the step can go on without its gates deciding, in at least 20 characters"),
  })
  .strict();
export type RequestGateOverrideInput = z.infer<typeof requestGateOverrideSchema>;

/** REST body of POST /api/v1/rollouts/{rolloutId}/gate-overrides. */
export const gateOverrideBodySchema = requestGateOverrideSchema.omit({ rolloutId: true });

export const confirmGateOverrideSchema = z.object({ overrideId: id("acceptance") }).strict();
export type ConfirmGateOverrideInput = z.infer<typeof confirmGateOverrideSchema>;

export const cancelGateOverrideSchema = z.object({ overrideId: id("acceptance") }).strict();
export type CancelGateOverrideInput = z.infer<typeof cancelGateOverrideSchema>;

export const KEEP_WAITING_MINUTES = [15, 30, 60, 240, 1_440] as const;

export const keepWaitingSchema = z
  .object({
    rolloutId: id("rollout"),
    expectedRevision: z.number().int().min(0).optional(),
    /** How much longer the current step may wait for its gates, from now or from its current limit if later. */
    minutes: z
      .number({ error: "Say how many minutes more to wait" })
      .int("Whole minutes")
      .min(1, "At least 1 minute")
      .max(7 * 1_440, "At most a week"),
    reason: z
      .string()
      .trim()
      .max(500)
      .regex(/^[^<>]*$/, "Must not contain < or >")
      .optional(),
  })
  .strict();
export type KeepWaitingInput = z.infer<typeof keepWaitingSchema>;

/** REST body of POST /api/v1/rollouts/{rolloutId}/keep-waiting. */
export const keepWaitingBodySchema = keepWaitingSchema.omit({ rolloutId: true });
