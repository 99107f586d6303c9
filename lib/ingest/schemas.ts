// Request bodies of the ingest API. The router's batch format lives in lib/dataplane/report-schema.ts.
import { z } from "zod";

export const OUTCOME_KINDS = ["label", "reward", "conversion", "complaint", "critical_error"] as const;
export const MAX_OUTCOMES_PER_BATCH = 10_000;

export const outcomeEventSchema = z
  .object({
    /** Idempotency key: an event id seen before is ignored (never double counted). */
    eventId: z.string().min(1).max(200),
    rolloutId: z.string().min(1).max(100),
    /** The variant that served the request; or give unitKey (assignment is recomputed) or requestId. */
    variant: z.string().min(1).max(100).optional(),
    unitKey: z.string().min(1).max(500).optional(),
    requestId: z.string().min(1).max(200).optional(),
    /** label: 1 correct / 0 wrong; reward: any number (0..1 for bandits); conversion: 1 / 0; complaint and critical_error: 1. */
    kind: z.enum(OUTCOME_KINDS),
    value: z.number().finite(),
    /** Same values as the router's segment header, e.g. "billing"; "*" or absent for none. */
    segment: z.string().max(100).optional(),
    /** When the request happened; the event lands in that 10 s bucket, however late it arrives. */
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .refine((e) => e.variant || e.unitKey || e.requestId, {
    message: "Give variant, unitKey or requestId",
    path: ["variant"],
  })
  .refine((e) => e.kind !== "label" || e.value === 0 || e.value === 1, {
    message: "A label is 1 (correct) or 0 (wrong)",
    path: ["value"],
  });

export const outcomeBatchSchema = z.object({
  events: z.array(outcomeEventSchema).min(1).max(MAX_OUTCOMES_PER_BATCH),
});

export type OutcomeEventInput = z.infer<typeof outcomeEventSchema>;
export type OutcomeBatchInput = z.infer<typeof outcomeBatchSchema>;
