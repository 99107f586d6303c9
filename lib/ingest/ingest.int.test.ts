import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import type { ReportBatch, ReportCell } from "@/lib/dataplane/report-schema";
import { seedRollout } from "@/lib/analysis/testing-rollout";
import { ingestRouterBatch } from "./ingest-router-batch";
import { ingestOutcomes } from "./ingest-outcomes";
import { rebuildRollups } from "./rebuild-rollups";
import type { OutcomeEventInput } from "./schemas";

let t: TestDatabase;
let rolloutId: string;
const bucket = "2026-03-01T10:00:00.000Z";

beforeAll(async () => {
  t = await createTestDatabase();
  rolloutId = (await seedRollout(t.db)).rolloutId;
});
afterAll(async () => t?.drop());

const cell = (over: Partial<ReportCell> = {}): ReportCell => ({
  variant: "challenger",
  segment: "billing",
  bucketStart: bucket,
  requests: 10,
  errors: 2,
  latencySumMs: 150,
  latencyBuckets: [0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  mirrored: 0,
  agreements: 0,
  predictions: { billing: 7, account: 3 },
  ...over,
});
const batch = (sequence: number, cells: ReportCell[], over: Partial<ReportBatch> = {}): ReportBatch => ({
  routerId: "router-a",
  sequence,
  rolloutId,
  system: "s",
  configVersion: 1,
  sentAt: new Date().toISOString(),
  latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
  cells,
  ...over,
});
const rollup = (variant: string, segment: string, at = bucket) =>
  t.db.metricRollup.findUnique({ where: { rolloutId_variant_segment_bucketStart: { rolloutId, variant, segment, bucketStart: new Date(at) } } });

describe("router batches", () => {
  it("adds cells into the segment row and the all-traffic row, once per (router, sequence)", async () => {
    expect(await ingestRouterBatch(t.db, batch(1, [cell()]))).toMatchObject({ status: "accepted", cells: 1 });
    expect(await ingestRouterBatch(t.db, batch(1, [cell()]))).toMatchObject({ status: "duplicate" });
    await ingestRouterBatch(t.db, batch(2, [cell({ segment: "", latencyBuckets: [0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5], predictions: { billing: 1 } })]));
    const all = await rollup("challenger", "*");
    const billing = await rollup("challenger", "billing");
    expect(Number(all!.requests)).toBe(20);
    expect(Number(all!.errors)).toBe(4);
    expect(all!.latencyBuckets.map(Number)).toEqual([0, 0, 0, 10, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(all!.predictions).toEqual({ billing: 8, account: 3 });
    expect(Number(billing!.requests)).toBe(10);
    expect(await t.db.ingestBatch.count()).toBe(2);
  });

  it("drops batches without a rollout or for an unknown rollout, and refuses other histogram bounds", async () => {
    expect(await ingestRouterBatch(t.db, batch(3, [cell()], { rolloutId: null }))).toMatchObject({ status: "dropped" });
    expect(await ingestRouterBatch(t.db, batch(4, [cell()], { rolloutId: "nope" }))).toMatchObject({ status: "dropped" });
    await expect(ingestRouterBatch(t.db, batch(5, [cell()], { latencyBucketBoundsMs: [1, 2, 3] }))).rejects.toThrow(/latencyBucketBoundsMs/);
    expect(Number((await rollup("challenger", "*"))!.requests)).toBe(20);
  });
});

describe("outcome events", () => {
  const ev = (id: string, over: Partial<OutcomeEventInput> = {}): OutcomeEventInput => ({
    eventId: id,
    rolloutId,
    variant: "champion",
    kind: "label",
    value: 1,
    segment: "billing",
    occurredAt: "2026-03-01T10:00:04Z",
    ...over,
  });

  it("is idempotent by event id, inside a batch and across batches", async () => {
    const r1 = await ingestOutcomes(t.db, [ev("e1"), ev("e2", { value: 0 }), ev("e1")]);
    expect(r1).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const r2 = await ingestOutcomes(t.db, [ev("e1"), ev("e2", { value: 0 }), ev("e3")]);
    expect(r2).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const row = await rollup("champion", "*");
    expect([Number(row!.labelled), Number(row!.correct)]).toEqual([3, 2]);
  });

  it("puts late and out-of-order events in the bucket they happened in", async () => {
    await ingestOutcomes(t.db, [ev("late-2", { occurredAt: "2026-03-01T09:00:19.900Z", kind: "complaint" }), ev("late-1", { occurredAt: "2026-03-01T09:00:11Z", kind: "complaint" })]);
    const row = await rollup("champion", "billing", "2026-03-01T09:00:10.000Z");
    expect(Number(row!.complaints)).toBe(2);
  });

  it("resolves the variant from the unit key or an earlier event of the request, and rejects what it can't place", async () => {
    const r = await ingestOutcomes(t.db, [
      ev("u1", { variant: undefined, unitKey: "user-42", kind: "reward", value: 0.5 }),
      ev("q1", { requestId: "req-9", variant: "challenger", kind: "conversion" }),
      ev("q2", { requestId: "req-9", variant: undefined, kind: "conversion", occurredAt: "2026-03-01T10:00:05Z" }),
      ev("x1", { rolloutId: "missing" }),
      ev("x2", { variant: "nobody" }),
      ev("x3", { variant: undefined, requestId: "never-seen" }),
    ]);
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((x) => x.eventId)).toEqual(["q2", "x1", "x2", "x3"]);
    const again = await ingestOutcomes(t.db, [ev("q2", { requestId: "req-9", variant: undefined, kind: "conversion" })]);
    expect(again.accepted).toBe(1);
    const reward = await t.db.outcomeEvent.findUnique({ where: { eventId: "u1" } });
    expect(["champion", "challenger"]).toContain(reward!.variant);
  });

  it("rebuilds the outcome columns from raw events to the same numbers, keeping router columns", async () => {
    const before = await t.db.metricRollup.findMany({ where: { rolloutId }, orderBy: [{ variant: "asc" }, { segment: "asc" }, { bucketStart: "asc" }] });
    await t.db.metricRollup.updateMany({ where: { rolloutId }, data: { labelled: 999, complaints: 999 } });
    await rebuildRollups(t.db, rolloutId);
    await rebuildRollups(t.db, rolloutId);
    const after = await t.db.metricRollup.findMany({ where: { rolloutId }, orderBy: [{ variant: "asc" }, { segment: "asc" }, { bucketStart: "asc" }] });
    expect(after).toEqual(before);
  });
});
