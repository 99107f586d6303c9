import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import { ingestRouterBatch } from "@/lib/ingest/ingest-router-batch";
import { ingestOutcomes } from "@/lib/ingest/ingest-outcomes";
import { getAbReport } from "./get-ab-report";
import { getRolloutMetrics } from "./get-rollout-metrics";
import { seedRollout } from "./testing-rollout";
import { feedRouter } from "./testing-feed";

let t: TestDatabase;
const now = new Date();
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe("chart data and A/B report", () => {
  it("gives per-variant series, step markers, thresholds, segments and drift", async () => {
    const { rolloutId } = await seedRollout(t.db, { appliedAt: new Date(now.getTime() - 1_800_000) });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 90, errorRate: 0.02, latencyMs: 20 },
        { variant: "challenger", requestsPerBucket: 10, errorRate: 0.1, latencyMs: 60 },
      ],
      { end: now, buckets: 100 },
    );
    const cell = (variant: string, predictions: Record<string, number>) => ({
      variant,
      segment: "billing",
      bucketStart: new Date(Math.floor(now.getTime() / 10_000) * 10_000 - 20_000).toISOString(),
      requests: 5,
      errors: 0,
      latencySumMs: 50,
      latencyBuckets: [0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      mirrored: 4,
      agreements: 3,
      predictions,
    });
    await ingestRouterBatch(t.db, {
      routerId: "r",
      sequence: 1,
      rolloutId,
      system: null,
      configVersion: 1,
      sentAt: now.toISOString(),
      latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
      cells: [cell("champion", { billing: 4, account: 1 }), cell("challenger", { billing: 1, account: 4 })],
    });
    const m = (await getRolloutMetrics(t.db, rolloutId, now))!;
    expect(m.series.length).toBeGreaterThan(20);
    expect(m.series.length).toBeLessThanOrEqual(121);
    const last = m.series.at(-1)!;
    expect(last.v.champion.p95).toBeGreaterThan(10);
    expect(m.overall.challenger.errorRate).toBeGreaterThan(0.09);
    expect(m.overall.challenger.share).toBeCloseTo(0.1, 1);
    expect(m.steps.map((s) => s.label)).toEqual(["Step 1: weight 10 %", "Step 2: analysis"]);
    expect(m.thresholds.map((x) => x.metric)).toEqual(["errorRate", "p95"]);
    expect(m.segments.map((s) => s.segment)).toEqual(["billing"]);
    expect(m.overall.challenger.agreement).toBeCloseTo(0.75);
    expect(m.drift[0].psi).toBeGreaterThan(0.25);
  });

  it("reports a winner on conversion with SRM, power and correction", async () => {
    const { rolloutId } = await seedRollout(t.db, {
      strategy: "ab_test",
      weights: { champion: 5_000, challenger: 5_000 },
      config: { primaryMetric: "conversion", split: { champion: 5_000, challenger: 5_000 } },
      appliedAt: new Date(now.getTime() - 3_600_000),
    });
    await feedRouter(
      t.db,
      rolloutId,
      [
        { variant: "champion", requestsPerBucket: 20, errorRate: 0.01 },
        { variant: "challenger", requestsPerBucket: 20, errorRate: 0.01 },
      ],
      { end: now, buckets: 300 },
    );
    const events = [];
    for (const [variant, n] of [
      ["champion", 600],
      ["challenger", 900],
    ] as const) {
      for (let i = 0; i < n; i++)
        events.push({
          eventId: `${rolloutId}-${variant}-${i}`,
          rolloutId,
          variant,
          kind: "conversion" as const,
          value: 1,
          occurredAt: new Date(now.getTime() - 100_000).toISOString(),
        });
    }
    await ingestOutcomes(t.db, events);
    const r = (await getAbReport(t.db, rolloutId, now))!;
    expect(r.decision).toMatchObject({ outcome: "ship_challenger", winner: "challenger", headline: "Ship challenger" });
    expect(r.srm?.mismatch).toBe(false);
    const primary = r.rows.find((x) => x.primary)!;
    expect(primary).toMatchObject({ metric: "conversion_rate", significant: true, better: true });
    expect(primary.chanceToBeat).toBeGreaterThan(0.99);
    expect(primary.pValueSequential).toBeGreaterThan(primary.pValueFixed);
    expect(r.correction).toMatch(/Holm/);
  });
});
