import { z } from "zod";
import { LATENCY_BUCKET_BOUNDS_MS } from "./latency-buckets";

// The batch a router POSTs to the control plane's ingest endpoint every few seconds.
// Counts are deltas since the previous batch of the same router, not running totals, so the
// ingest adds them into its (rollout, variant, segment, 10 s bucket) rollups. `batchId` names the
// batch for good: a batch re-sent after a failed POST or a restart (it waits in the router's spool
// on disk) carries the same id, and the ingest ignores an id it has already stored. `sequence`
// rises per router across restarts (the order batches were cut in); batches from routers that send
// no `batchId` are known by (routerId, sequence).

export const REPORT_BUCKET_SECONDS = 10;

export const reportCellSchema = z.object({
  variant: z.string().min(1),
  /** Value of config.segmentHeader on the request; "" when absent or not configured. */
  segment: z.string(),
  /** Start of the 10 s bucket the requests ended in, ISO 8601 UTC. */
  bucketStart: z.iso.datetime(),
  requests: z.number().int().min(0),
  /** Upstream 5xx answers and connection/timeout failures. */
  errors: z.number().int().min(0),
  latencySumMs: z.number().min(0),
  /** Counts per LATENCY_BUCKET_BOUNDS_MS bucket (not cumulative), plus one overflow bucket. */
  latencyBuckets: z.array(z.number().int().min(0)).length(LATENCY_BUCKET_BOUNDS_MS.length + 1),
  /** Shadow variant only: mirrored answers compared with the primary's prediction. */
  mirrored: z.number().int().min(0),
  /** Of `mirrored`, those whose prediction equalled the primary's. */
  agreements: z.number().int().min(0),
  /** Captured config.predictionField values → count. */
  predictions: z.record(z.string(), z.number().int().min(0)),
});

export const reportBatchSchema = z.object({
  routerId: z.string().min(1),
  /** Idempotency key, unique per batch (a UUID); absent from older routers. */
  batchId: z.string().min(8).max(100).optional(),
  sequence: z.number().int().min(1),
  rolloutId: z.string().nullable(),
  system: z.string().nullable(),
  configVersion: z.number().int().nullable(),
  sentAt: z.iso.datetime(),
  /** Batches this router has dropped so far (spool full, or refused as malformed), all time. */
  droppedBatches: z.number().int().min(0).optional(),
  latencyBucketBoundsMs: z.array(z.number()),
  cells: z.array(reportCellSchema),
});

export type ReportCell = z.infer<typeof reportCellSchema>;
export type ReportBatch = z.infer<typeof reportBatchSchema>;
