// Adds one router metrics batch into the rollups, once: its id (batchId, else routerId:sequence) is
// recorded in ingest_batches in the same transaction, so a re-sent batch changes nothing. Takes the client
// as a parameter (web passes its db, benchmarks their own) and so has no "server-only".
import type { PrismaClient } from "@/lib/db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import type { ReportBatch } from "@/lib/dataplane/report-schema";
import { BadRequestError } from "@/lib/errors";
import { RollupDeltas } from "./rollup-delta";
import { upsertRollups } from "./upsert-rollups";
import { upsertSystemTraffic } from "./upsert-system-traffic";

export interface RouterIngestResult {
  status: "accepted" | "duplicate" | "dropped";
  cells: number;
  rows: number;
  detail?: string;
}

/**
 * Every batch of a known system counts as that system's traffic (system_traffic: recovery after a
 * rollback, the observed request rate); a batch of a live rollout is also added to its rollups.
 * Batches that name neither a known system nor a known rollout are dropped with 2xx so the router
 * doesn't retry them forever; a histogram with other bounds is refused (400) because adding it
 * would corrupt the rollups.
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
  const [rollout, system] = await Promise.all([
    batch.rolloutId ? db.rollout.findUnique({ where: { id: batch.rolloutId }, select: { id: true } }) : null,
    batch.system ? db.system.findUnique({ where: { slug: batch.system }, select: { id: true } }) : null,
  ]);
  if (!rollout && !system)
    return {
      status: "dropped",
      cells: batch.cells.length,
      rows: 0,
      detail: batch.rolloutId ? "unknown rollout: cells dropped" : "no rollout: cells dropped",
    };

  const deltas = new RollupDeltas();
  for (const c of batch.cells) {
    if (!rollout) break;
    deltas.add({
      rolloutId: rollout.id,
      variant: c.variant,
      segment: c.segment,
      at: new Date(c.bucketStart),
      delta: {
        requests: c.requests,
        errors: c.errors,
        latencySumMs: c.latencySumMs,
        latencyBuckets: c.latencyBuckets,
        mirrored: c.mirrored,
        agreements: c.agreements,
      },
      predictions: Object.keys(c.predictions).length ? c.predictions : undefined,
    });
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
    const traffic = system ? await upsertSystemTraffic(tx, system.id, batch.cells) : 0;
    return {
      status: "accepted" as const,
      cells: batch.cells.length,
      rows: rows + traffic,
      ...(rollout ? {} : { detail: "no live rollout: counted as the system's traffic only" }),
    };
  });
}

/** The batch's idempotency key. */
export function batchKey(batch: Pick<ReportBatch, "batchId" | "routerId" | "sequence">): string {
  return batch.batchId ?? `${batch.routerId}:${batch.sequence}`;
}
