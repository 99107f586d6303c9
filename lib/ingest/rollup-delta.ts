// Increments to metric_rollups rows, accumulated in memory per (rollout, variant, segment, 10 s
// bucket) so that one batch writes each row once. Pure.
import { REPORT_BUCKET_SECONDS } from "@/lib/dataplane/report-schema";
import { addTotals, ALL_SEGMENTS, emptyTotals, type ArmTotals } from "@/lib/analysis/window";

export interface RollupDelta extends ArmTotals {
  rolloutId: string;
  variant: string;
  segment: string;
  bucketStart: Date;
  predictions: Record<string, number>;
}

/** Start of the 10 s bucket holding `at`. */
export function bucketStartOf(at: Date): Date {
  const ms = REPORT_BUCKET_SECONDS * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

export class RollupDeltas {
  private readonly rows = new Map<string, RollupDelta>();

  /**
   * The delta row for a key. A named segment is also counted under "*" (all traffic) by add(), so
   * gates read "*" for the average and the segment rows for the breakdown.
   */
  private row(rolloutId: string, variant: string, segment: string, bucketStart: Date): RollupDelta {
    const key = `${rolloutId}\u0000${variant}\u0000${segment}\u0000${bucketStart.getTime()}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { ...emptyTotals(), rolloutId, variant, segment, bucketStart, predictions: {} };
      this.rows.set(key, r);
    }
    return r;
  }

  add({
    rolloutId,
    variant,
    segment,
    at,
    delta,
    predictions,
  }: {
    rolloutId: string;
    variant: string;
    segment: string;
    /** When it happened; it counts in the 10 s bucket that contains it. */
    at: Date;
    delta: Partial<ArmTotals>;
    predictions?: Record<string, number>;
  }): void {
    const bucket = bucketStartOf(at);
    const segments = !segment || segment === ALL_SEGMENTS ? [ALL_SEGMENTS] : [ALL_SEGMENTS, segment];
    const full = { ...emptyTotals(), ...delta };
    for (const s of segments) {
      const r = this.row(rolloutId, variant, s, bucket);
      addTotals(r, full);
      if (predictions) for (const [k, n] of Object.entries(predictions)) r.predictions[k] = (r.predictions[k] ?? 0) + n;
    }
  }

  list(): RollupDelta[] {
    return [...this.rows.values()];
  }

  get size(): number {
    return this.rows.size;
  }
}
