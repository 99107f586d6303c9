// Rebuilds the outcome columns of a rollout's rollups from the raw outcome_events. Router cells
// (requests, errors, latency, mirror agreement, predictions) exist only as rollups, so those
// columns are kept as they are: they are the raw data.
import type { PrismaClient } from "@/lib/db/create-client";
import { rollupUpsertFrom } from "./outcome-rollup-sql";

const OUTCOME_COLUMNS = [
  "outcome_count",
  "outcome_sum",
  "outcome_sum_sq",
  "labelled",
  "correct",
  "conversions",
  "complaints",
  "critical_errors",
];

const REBUILD_SQL = `
WITH events AS (SELECT rollout_id, variant, segment, kind, value, occurred_at FROM outcome_events WHERE rollout_id = $1)
${rollupUpsertFrom("events", "SET")}`;

/**
 * Recomputes every outcome column of the rollout's rollups from outcome_events, in one
 * transaction (readers see the old or the new numbers, never a half-rebuilt state). Safe to repeat.
 */
export async function rebuildRollups(db: PrismaClient, rolloutId: string): Promise<{ rows: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `UPDATE metric_rollups SET ${OUTCOME_COLUMNS.map((c) => `${c} = 0`).join(", ")} WHERE rollout_id = $1`,
      rolloutId,
    );
    const rows = await tx.$executeRawUnsafe(REBUILD_SQL, rolloutId);
    return { rows };
  });
}
