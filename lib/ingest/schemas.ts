// Request bodies of the ingest API. The router's batch format lives in lib/dataplane/report-schema.ts.
import { z } from "zod";
import { text } from "../validation";
import { parseRequestId } from "@/lib/dataplane/request-id";

export const OUTCOME_KINDS = ["label", "reward", "conversion", "complaint", "critical_error"] as const;
export const MAX_OUTCOMES_PER_BATCH = 10_000;

export const outcomeEventSchema = z
  .object({
    /** Idempotency key: an event id seen before is ignored (never double counted). */
    eventId: text().min(1).max(200),
    /**
     * The answer's x-switchyard-request-id: names the rollout, the variant and the serve time, so
     * nothing else is needed (occurredAt defaults to the serve time). Any other string is your own
     * request id, matched to an earlier event of the same rollout that named the variant.
     */
    requestId: text().min(1).max(200).optional(),
    rolloutId: text().min(1).max(100).optional(),
    /** The system's slug: with unitKey and occurredAt, the rollout running on it then is found. */
    system: text().min(1).max(100).optional(),
    /** The variant that served the request; or give unitKey (assignment at occurredAt is recomputed). */
    variant: text().min(1).max(100).optional(),
    unitKey: text().min(1).max(500).optional(),
    /** label: 1 correct / 0 wrong; reward: any number (0..1 for bandits); conversion: 1 / 0; complaint and critical_error: 1. */
    kind: z.enum(OUTCOME_KINDS),
    value: z.number().finite(),
    /** Same values as the router's segment header, e.g. "billing"; "*" or absent for none. */
    segment: text().max(100).optional(),
    /** When the request happened; the event lands in that 10 s bucket, however late it arrives. */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((e) => e.requestId || (e.rolloutId && (e.variant || e.unitKey)) || (e.system && e.unitKey), {
    message: "Give the router's requestId, or rolloutId with variant or unitKey, or system with unitKey",
    path: ["requestId"],
  })
  .refine((e) => e.occurredAt || (e.requestId && parseRequestId(e.requestId)), {
    message: "Give occurredAt (only a router request id carries its own time)",
    path: ["occurredAt"],
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
