import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
import type { ReportBatch, ReportCell } from "@/lib/dataplane/report-schema";
import { seedRollout } from "@/lib/analysis/testing-rollout";
import { ingestRouterBatch } from "./ingest-router-batch";
import { ingestOutcomes, outcomeDelta } from "./ingest-outcomes";
import { rebuildRollups } from "./rebuild-rollups";
import type { OutcomeEventInput } from "./schemas";
import { RollupDeltas } from "./rollup-delta";
import { formatRequestId } from "@/lib/dataplane/request-id";
import { observedRequestRate } from "@/lib/systems/observed-request-rate";

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
  t.db.metricRollup.findUnique({
    where: { rolloutId_variant_segment_bucketStart: { rolloutId, variant, segment, bucketStart: new Date(at) } },
  });

describe("router batches", () => {
  it("adds cells into the segment row and the all-traffic row, once per (router, sequence)", async () => {
    expect(await ingestRouterBatch(t.db, batch(1, [cell()]))).toMatchObject({ status: "accepted", cells: 1 });
    expect(await ingestRouterBatch(t.db, batch(1, [cell()]))).toMatchObject({ status: "duplicate" });
    await ingestRouterBatch(
      t.db,
      batch(2, [
        cell({ segment: "", latencyBuckets: [0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5], predictions: { billing: 1 } }),
      ]),
    );
    const all = await rollup("challenger", "*");
    const billing = await rollup("challenger", "billing");
    expect(Number(all!.requests)).toBe(20);
    expect(Number(all!.errors)).toBe(4);
    expect(all!.latencyBuckets.map(Number)).toEqual([0, 0, 0, 10, 0, 5, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(all!.predictions).toEqual({ billing: 8, account: 3 });
    expect(Number(billing!.requests)).toBe(10);
    expect(await t.db.ingestBatch.count()).toBe(2);
  });

  it("knows a batch by its id: a resend is a duplicate, a new batch reusing an old sequence is not", async () => {
    const before = Number((await rollup("challenger", "*"))!.requests);
    const sent = batch(7, [cell()], { batchId: "6f1c1e8e-0000-4000-8000-000000000001", droppedBatches: 4 });
    expect(await ingestRouterBatch(t.db, sent)).toMatchObject({ status: "accepted" });
    // The same batch again (the router restarted before it saw the answer): counted once.
    expect(await ingestRouterBatch(t.db, { ...sent })).toMatchObject({ status: "duplicate" });
    // A router whose data directory was lost starts its sequence again: its new batch still counts.
    const fresh = batch(7, [cell()], { batchId: "6f1c1e8e-0000-4000-8000-000000000002" });
    expect(await ingestRouterBatch(t.db, fresh)).toMatchObject({ status: "accepted" });
    expect(Number((await rollup("challenger", "*"))!.requests)).toBe(before + 20);
    const row = await t.db.ingestBatch.findUnique({ where: { batchId: sent.batchId } });
    expect(row).toMatchObject({ routerId: "router-a", droppedBatches: 4 });
  });

  it("drops batches without a rollout or for an unknown rollout, and refuses other histogram bounds", async () => {
    expect(await ingestRouterBatch(t.db, batch(3, [cell()], { rolloutId: null }))).toMatchObject({ status: "dropped" });
    expect(await ingestRouterBatch(t.db, batch(4, [cell()], { rolloutId: "nope" }))).toMatchObject({
      status: "dropped",
    });
    await expect(ingestRouterBatch(t.db, batch(5, [cell()], { latencyBucketBoundsMs: [1, 2, 3] }))).rejects.toThrow(
      /latencyBucketBoundsMs/,
    );
    expect(Number((await rollup("challenger", "*"))!.requests)).toBe(40);
  });
});

describe("system traffic", () => {
  it("counts every batch of a known system once, with or without a rollout, all segments of a variant together", async () => {
    const { systemId } = await seedRollout(t.db, { name: "traffic" });
    const { slug } = await t.db.system.findUniqueOrThrow({ where: { id: systemId } });
    const at = "2026-03-01T11:00:00.000Z";
    const cells = [
      cell({ variant: "champion", segment: "billing", bucketStart: at, requests: 30, errors: 1 }),
      cell({ variant: "champion", segment: "", bucketStart: at, requests: 12, errors: 0 }),
    ];
    const first = await ingestRouterBatch(
      t.db,
      batch(101, cells, { rolloutId: null, system: slug, routerId: "router-s" }),
    );
    expect(first).toMatchObject({
      status: "accepted",
      detail: "no live rollout: counted as the system's traffic only",
    });
    expect(
      await ingestRouterBatch(t.db, batch(101, cells, { rolloutId: null, system: slug, routerId: "router-s" })),
    ).toMatchObject({ status: "duplicate" });
    const row = await t.db.systemTraffic.findUniqueOrThrow({
      where: { systemId_variant_bucketStart: { systemId, variant: "champion", bucketStart: new Date(at) } },
    });
    expect([Number(row.requests), Number(row.errors), Number(row.latencyBuckets[3])]).toEqual([42, 1, 20]);
    // The observed request rate: 42 requests in a 5-minute window.
    const rate = await observedRequestRate(t.db, systemId, { now: new Date("2026-03-01T11:04:05Z"), minutes: 5 });
    expect(rate).toEqual({ perSecond: 42 / 300, windowSeconds: 300 });
    expect(await observedRequestRate(t.db, systemId, { now: new Date("2026-03-01T12:00:00Z") })).toBeNull();
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
    expect(r1).toEqual({ accepted: 2, duplicates: 1, unattributed: 0, rejected: [] });
    const r2 = await ingestOutcomes(t.db, [ev("e1"), ev("e2", { value: 0 }), ev("e3")]);
    expect(r2).toEqual({ accepted: 1, duplicates: 2, unattributed: 0, rejected: [] });
    const row = await rollup("champion", "*");
    expect([Number(row!.labelled), Number(row!.correct)]).toEqual([3, 2]);
  });

  it("puts late and out-of-order events in the bucket they happened in", async () => {
    await ingestOutcomes(t.db, [
      ev("late-2", { occurredAt: "2026-03-01T09:00:19.900Z", kind: "complaint" }),
      ev("late-1", { occurredAt: "2026-03-01T09:00:11Z", kind: "complaint" }),
    ]);
    const row = await rollup("champion", "billing", "2026-03-01T09:00:10.000Z");
    expect(Number(row!.complaints)).toBe(2);
  });

  it("resolves the variant from the unit key or an earlier event of the request, and rejects what it can't place", async () => {
    const recently = new Date(Date.now() - 60_000).toISOString();
    const r = await ingestOutcomes(t.db, [
      ev("u1", { variant: undefined, unitKey: "user-42", kind: "reward", value: 0.5, occurredAt: recently }),
      ev("q1", { requestId: "req-9", variant: "challenger", kind: "conversion" }),
      ev("q2", { requestId: "req-9", variant: undefined, kind: "conversion", occurredAt: "2026-03-01T10:00:05Z" }),
      ev("x1", { rolloutId: "missing" }),
      ev("x2", { variant: "nobody" }),
      ev("x3", { variant: undefined, requestId: "never-seen" }),
    ]);
    expect(r.accepted).toBe(2);
    expect(r.rejected.map((x) => x.eventId)).toEqual(["q2", "x1", "x2", "x3"]);
    const again = await ingestOutcomes(t.db, [
      ev("q2", { requestId: "req-9", variant: undefined, kind: "conversion" }),
    ]);
    expect(again.accepted).toBe(1);
    const reward = await t.db.outcomeEvent.findUnique({ where: { eventId: "u1" } });
    expect(["champion", "challenger"]).toContain(reward!.variant);
  });

  it("attributes outcomes posted with only the router's request id, hours later, to the variant that served them", async () => {
    const servedAt = new Date(Date.now() - 5 * 3_600_000);
    const served = formatRequestId(rolloutId, "challenger", servedAt.getTime(), "late-1");
    const outside = formatRequestId(null, "champion", servedAt.getTime(), "late-2");
    const r = await ingestOutcomes(t.db, [
      { eventId: "rid-1", requestId: served, kind: "label", value: 1, segment: "billing" },
      { eventId: "rid-2", requestId: outside, kind: "label", value: 1 },
      {
        eventId: "rid-3",
        requestId: formatRequestId("no-such", "challenger", servedAt.getTime(), "x"),
        kind: "label",
        value: 1,
      },
    ]);
    expect(r).toEqual({
      accepted: 1,
      duplicates: 0,
      unattributed: 1,
      rejected: [{ eventId: "rid-3", reason: "unknown rollout" }],
    });
    const stored = await t.db.outcomeEvent.findUniqueOrThrow({ where: { eventId: "rid-1" } });
    expect(stored).toMatchObject({ rolloutId, variant: "challenger", requestId: served, occurredAt: servedAt });
    const bucket = new Date(Math.floor(servedAt.getTime() / 10_000) * 10_000).toISOString();
    const row = await rollup("challenger", "billing", bucket);
    expect([Number(row!.labelled), Number(row!.correct)]).toEqual([1, 1]);
    // The same event again (a retried batch) changes nothing.
    const again = await ingestOutcomes(t.db, [{ eventId: "rid-1", requestId: served, kind: "label", value: 1 }]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it("rebuilds the outcome columns from raw events to the same numbers, keeping router columns", async () => {
    const before = await t.db.metricRollup.findMany({
      where: { rolloutId },
      orderBy: [{ variant: "asc" }, { segment: "asc" }, { bucketStart: "asc" }],
    });
    await t.db.metricRollup.updateMany({ where: { rolloutId }, data: { labelled: 999, complaints: 999 } });
    await rebuildRollups(t.db, rolloutId);
    await rebuildRollups(t.db, rolloutId);
    const after = await t.db.metricRollup.findMany({
      where: { rolloutId },
      orderBy: [{ variant: "asc" }, { segment: "asc" }, { bucketStart: "asc" }],
    });
    expect(after).toEqual(before);
  });
});

describe("outcome events: batch encoding, rollups and the rollout reference", () => {
  let other: string;
  beforeAll(async () => {
    other = (await seedRollout(t.db, { name: "encoding" })).rolloutId;
  });
  const ev = (id: string, over: Partial<OutcomeEventInput> = {}): OutcomeEventInput => ({
    eventId: id,
    rolloutId: other,
    variant: "champion",
    kind: "label",
    value: 1,
    segment: "billing",
    occurredAt: "2026-04-01T08:00:04Z",
    ...over,
  });
  const rollups = async () =>
    Object.fromEntries(
      (await t.db.metricRollup.findMany({ where: { rolloutId: other } })).map((r) => [
        `${r.variant}/${r.segment}/${r.bucketStart.toISOString()}`,
        [
          r.outcomeCount,
          r.outcomeSum,
          r.outcomeSumSq,
          r.labelled,
          r.correct,
          r.conversions,
          r.complaints,
          r.criticalErrors,
        ].map(Number),
      ]),
    );

  it("stores strings that need quoting in an array literal exactly as sent", async () => {
    const odd = ['quote "q"', "back\\slash", "comma,brace{}", "NULL", "  spaced  ", "ünïcødé ✓"];
    const r = await ingestOutcomes(
      t.db,
      odd.map((s, i) =>
        ev(`odd ${s}`, { segment: s, requestId: `req ${s}`, unitKey: i % 2 ? `unit ${s}` : undefined }),
      ),
    );
    expect(r).toEqual({ accepted: odd.length, duplicates: 0, unattributed: 0, rejected: [] });
    const rows = await t.db.outcomeEvent.findMany({
      where: { eventId: { startsWith: "odd " } },
      orderBy: { eventId: "asc" },
    });
    expect(rows.map((x) => [x.eventId, x.segment, x.requestId]).sort()).toEqual(
      odd.map((s) => [`odd ${s}`, s, `req ${s}`]).sort(),
    );
    expect(rows.filter((x) => x.unitKey).length).toBe(3);
    await t.db.outcomeEvent.deleteMany({ where: { rolloutId: other } });
    await t.db.metricRollup.deleteMany({ where: { rolloutId: other } });
  });

  it("adds each new event once to its segment row and the all-traffic row, whatever the duplicates, offsets and buckets", async () => {
    const kinds = ["label", "reward", "conversion", "complaint", "critical_error"] as const;
    const segments = ["billing", "technical", "", undefined, "*"];
    const events = Array.from({ length: 400 }, (_, i) =>
      ev(`mix-${i}`, {
        variant: i % 3 ? "champion" : "challenger",
        kind: kinds[i % 5],
        value: kinds[i % 5] === "label" ? i % 2 : kinds[i % 5] === "reward" ? (i % 11) / 10 : 1,
        segment: segments[(i % 7) % 5],
        // Around the 08:00:10 and 08:00:20 bucket edges, some with an offset or a sub-millisecond fraction.
        occurredAt:
          i % 4 === 0
            ? `2026-04-01T10:00:${String(9 + (i % 12)).padStart(2, "0")}.5+02:00`
            : i % 4 === 1
              ? "2026-04-01T08:00:19.9996Z"
              : `2026-04-01T08:00:${String(5 + (i % 20)).padStart(2, "0")}.${String(i % 1000).padStart(3, "0")}Z`,
      }),
    );
    const expected = new RollupDeltas();
    for (const e of events) {
      const segment = e.segment ? e.segment : "*";
      const at = new Date(e.occurredAt!);
      // also counts it under "*"
      expected.add({ rolloutId: other, variant: e.variant!, segment, at, delta: outcomeDelta(e.kind, e.value) });
    }
    // First half with duplicates inside the batch, then everything again (the first half are duplicates across batches).
    const first = events.slice(0, 200);
    const r1 = await ingestOutcomes(t.db, [...first, ...first.slice(0, 50)]);
    expect(r1).toMatchObject({ accepted: 200, duplicates: 50 });
    const r2 = await ingestOutcomes(t.db, events);
    expect(r2).toMatchObject({ accepted: 200, duplicates: 200 });
    const want: Record<string, number[]> = {};
    for (const d of expected.list()) {
      want[`${d.variant}/${d.segment}/${new Date(d.bucketStart).toISOString()}`] = [
        d.outcomeCount ?? 0,
        d.outcomeSum ?? 0,
        d.outcomeSumSq ?? 0,
        d.labelled ?? 0,
        d.correct ?? 0,
        d.conversions ?? 0,
        d.complaints ?? 0,
        d.criticalErrors ?? 0,
      ].map(Number);
    }
    const got = await rollups();
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [k, v] of Object.entries(want)) {
      expect(got[k].slice(0, 1).concat(got[k].slice(3)), k).toEqual(v.slice(0, 1).concat(v.slice(3)));
      expect(got[k][1], k).toBeCloseTo(v[1], 9);
      expect(got[k][2], k).toBeCloseTo(v[2], 9);
    }
    await rebuildRollups(t.db, other);
    const rebuilt = await rollups();
    for (const [k, v] of Object.entries(got)) {
      expect(rebuilt[k].slice(0, 1).concat(rebuilt[k].slice(3)), k).toEqual(v.slice(0, 1).concat(v.slice(3)));
      expect(rebuilt[k][1], k).toBeCloseTo(v[1], 9);
    }
  });

  it("refuses events of a rollout that doesn't exist, and deletes a rollout's events with it", async () => {
    await expect(
      t.db.$executeRawUnsafe(
        `INSERT INTO outcome_events (event_id, rollout_id, variant, kind, value, occurred_at) VALUES ('fk-1', $1, 'champion', 'label', 1, now()), ('fk-2', 'no-such-rollout', 'champion', 'label', 1, now())`,
        other,
      ),
    ).rejects.toThrow(/foreign key/);
    expect(await t.db.outcomeEvent.count({ where: { eventId: { in: ["fk-1", "fk-2"] } } })).toBe(0);
    await expect(
      t.db.$executeRawUnsafe(`UPDATE outcome_events SET rollout_id = 'no-such-rollout' WHERE rollout_id = $1`, other),
    ).rejects.toThrow(/foreign key/);
    const doomed = (await seedRollout(t.db, { name: "doomed" })).rolloutId;
    await ingestOutcomes(t.db, [
      ev("doomed-1", { rolloutId: doomed }),
      ev("doomed-2", { rolloutId: doomed }),
      ev("kept-1"),
    ]);
    await t.db.$executeRawUnsafe(`UPDATE rollouts SET id = 'renamed-rollout' WHERE id = $1`, doomed);
    expect(await t.db.outcomeEvent.count({ where: { rolloutId: "renamed-rollout" } })).toBe(2);
    await t.db.rollout.delete({ where: { id: "renamed-rollout" } });
    expect(await t.db.outcomeEvent.count({ where: { eventId: { in: ["doomed-1", "doomed-2"] } } })).toBe(0);
    expect(await t.db.outcomeEvent.count({ where: { eventId: "kept-1" } })).toBe(1);
  });

  it("finds earlier events of a request through the partial request-id index", async () => {
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT request_id, rollout_id, variant FROM outcome_events WHERE request_id IN ('a', 'b')`,
      );
    });
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toMatch(/outcome_events_request_id_idx/);
  });
});
