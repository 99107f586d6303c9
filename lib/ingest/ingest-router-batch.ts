// Adds one router metrics batch into the rollups, once: its id (batchId, else routerId:sequence) is
// recorded in ingest_batches in the same transaction, so a re-sent batch changes nothing. Takes the client
// as a parameter (web passes its db, benchmarks their own) and so has no "server-only".
import type { PrismaClient } from "@/lib/db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import type { ReportBatch } from "@/lib/dataplane/report-schema";
import { BadRequestError } from "@/lib/errors";
import { RollupDeltas } from "./rollup-delta";
import { upsertRollups } from "./upsert-rollups";

export interface RouterIngestResult {
  status: "accepted" | "duplicate" | "dropped";
  cells: number;
  rows: number;
  detail?: string;
}

/**
 * Batches without a rollout (the router serves no rollout) and batches for an unknown rollout are
 * dropped with 2xx so the router doesn't retry them forever; a histogram with other bounds is
 * refused (400) because adding it would corrupt the rollups.
 */
export async function ingestRouterBatch(db: PrismaClient, batch: ReportBatch): Promise<RouterIngestResult> {
  const bounds = batch.latencyBucketBoundsMs;
  if (bounds.length !== LATENCY_BUCKET_BOUNDS_MS.length || bounds.some((b, i) => b !== LATENCY_BUCKET_BOUNDS_MS[i])) {
    throw new BadRequestError(`latencyBucketBoundsMs must be [${LATENCY_BUCKET_BOUNDS_MS.join(", ")}]`, [
      { name: "latencyBucketBoundsMs", reason: "unknown histogram bounds" },
    ]);
  }
  for (const [i, c] of batch.cells.entries()) {
    if (c.agreements > c.mirrored)
      throw new BadRequestError(`cells.${i}: agreements exceed mirrored`, [
        { name: `cells.${i}.agreements`, reason: "more than mirrored" },
      ]);
  }
  if (!batch.rolloutId)
    return { status: "dropped", cells: batch.cells.length, rows: 0, detail: "no rollout: cells dropped" };
  const rollout = await db.rollout.findUnique({ where: { id: batch.rolloutId }, select: { id: true } });
  if (!rollout)
    return { status: "dropped", cells: batch.cells.length, rows: 0, detail: "unknown rollout: cells dropped" };

  const deltas = new RollupDeltas();
  for (const c of batch.cells) {
    deltas.add(
      rollout.id,
      c.variant,
      c.segment,
      new Date(c.bucketStart),
      {
        requests: c.requests,
        errors: c.errors,
        latencySumMs: c.latencySumMs,
        latencyBuckets: c.latencyBuckets,
        mirrored: c.mirrored,
        agreements: c.agreements,
      },
      Object.keys(c.predictions).length ? c.predictions : undefined,
    );
  }
  return db.$transaction(async (tx) => {
    const fresh = await tx.$executeRawUnsafe(
      `INSERT INTO ingest_batches (batch_id, router_id, sequence, events, dropped_batches) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      batchKey(batch),
      batch.routerId,
      batch.sequence,
      batch.cells.length,
      batch.droppedBatches ?? 0,
    );
    if (fresh === 0) return { status: "duplicate" as const, cells: batch.cells.length, rows: 0 };
    const rows = await upsertRollups(tx, deltas.list());
    return { status: "accepted" as const, cells: batch.cells.length, rows };
  });
}

/** The batch's idempotency key. */
export function batchKey(batch: Pick<ReportBatch, "batchId" | "routerId" | "sequence">): string {
  return batch.batchId ?? `${batch.routerId}:${batch.sequence}`;
}
