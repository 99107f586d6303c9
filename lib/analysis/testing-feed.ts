// Feeds synthetic router batches (through the real ingest verb) for tests and benchmarks.
import type { PrismaClient } from "../db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS, latencyBucketIndex } from "../dataplane/latency-buckets";
import type { ReportCell } from "../dataplane/report-schema";
import { ingestRouterBatch } from "../ingest/ingest-router-batch";

export interface FeedArm {
  variant: string;
  segment?: string;
  requestsPerBucket: number;
  errorRate?: number;
  latencyMs?: number;
}

let sequence = 0;

/** One router batch per call holding `buckets` 10 s cells per arm, ending at `end`. */
export async function feedRouter(
  db: PrismaClient,
  rolloutId: string,
  arms: FeedArm[],
  opts: { end: Date; buckets: number; routerId?: string },
): Promise<void> {
  const cells: ReportCell[] = [];
  const endBucket = Math.floor(opts.end.getTime() / 10_000) * 10_000;
  for (let b = 1; b <= opts.buckets; b++) {
    const bucketStart = new Date(endBucket - b * 10_000).toISOString();
    for (const a of arms) {
      const latencyBuckets = new Array<number>(LATENCY_BUCKET_BOUNDS_MS.length + 1).fill(0);
      latencyBuckets[latencyBucketIndex(a.latencyMs ?? 20)] = a.requestsPerBucket;
      cells.push({
        variant: a.variant,
        segment: a.segment ?? "",
        bucketStart,
        requests: a.requestsPerBucket,
        errors: Math.round(a.requestsPerBucket * (a.errorRate ?? 0)),
        latencySumMs: a.requestsPerBucket * (a.latencyMs ?? 20),
        latencyBuckets,
        mirrored: 0,
        agreements: 0,
        predictions: {},
      });
    }
  }
  await ingestRouterBatch(db, {
    routerId: opts.routerId ?? "feed",
    sequence: ++sequence + Date.now(),
    rolloutId,
    system: null,
    configVersion: 1,
    sentAt: new Date().toISOString(),
    latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
    cells,
  });
}
