import { z } from "zod";
import { text } from "../validation";

const id = (what: string) =>
  text({ error: `Required: the ${what}` })
    .trim()
    .min(1, `Required: the ${what}`)
    .max(100);
const writtenText = (min: number, message: string) =>
  text({ error: message }).trim().min(min, message).max(2000, "At most 2000 characters");

export const requestRollbackSchema = z
  .object({ rolloutId: id("rollout"), reason: writtenText(10, "Say why, in at least 10 characters") })
  .strict();
export type RequestRollbackInput = z.infer<typeof requestRollbackSchema>;

/** REST body of POST /api/v1/rollouts/{rolloutId}/rollback-requests. */
export const rollbackRequestBodySchema = z
  .object({ reason: writtenText(10, "Say why, in at least 10 characters"), breakGlass: z.boolean().default(false) })
  .strict()
  .refine((v) => !v.breakGlass || v.reason.length >= 20, {
    message: "Break-glass needs a written reason of at least 20 characters",
    path: ["reason"],
  });

export const confirmRollbackSchema = z.object({ requestId: id("rollback request") }).strict();
export type ConfirmRollbackInput = z.infer<typeof confirmRollbackSchema>;

export const cancelRollbackRequestSchema = z
  .object({ requestId: id("rollback request"), note: text().trim().max(2000).default("") })
  .strict();
export type CancelRollbackRequestInput = z.infer<typeof cancelRollbackRequestSchema>;

export const breakGlassRollbackSchema = z
  .object({
    rolloutId: id("rollout"),
    reason: writtenText(20, "Break-glass needs a written reason of at least 20 characters"),
  })
  .strict();
export type BreakGlassRollbackInput = z.infer<typeof breakGlassRollbackSchema>;

export const reviewBreakGlassSchema = z
  .object({
    requestId: id("rollback request"),
    note: writtenText(10, "Write what you reviewed, in at least 10 characters"),
  })
  .strict();
export type ReviewBreakGlassInput = z.infer<typeof reviewBreakGlassSchema>;

export const recordRootCauseSchema = z
  .object({ rolloutId: id("rollout"), rootCause: writtenText(20, "Describe the root cause in at least 20 characters") })
  .strict();
export type RecordRootCauseInput = z.infer<typeof recordRootCauseSchema>;
