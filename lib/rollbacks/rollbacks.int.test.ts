import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createPeople, createRolloutFixture, type People } from "../approvals/testing/governance-fixture";
import { blockedReasonFor } from "./post-rollback";
import { ingestRouterBatch } from "../ingest/ingest-router-batch";
import { LATENCY_BUCKET_BOUNDS_MS } from "../dataplane/latency-buckets";

vi.mock("server-only", () => ({}));

const { requestRollback } = await import("./request-rollback");
const { confirmRollback } = await import("./confirm-rollback");
const { cancelRollbackRequest } = await import("./cancel-rollback-request");
const { breakGlassRollback } = await import("./break-glass-rollback");
const { reviewBreakGlass } = await import("./review-break-glass");
const { recordRootCause } = await import("./record-root-cause");
const { verifyRecovery } = await import("./verify-recovery");

let t: TestDatabase;
let people: People;

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  people = await createPeople(t.db);
  await t.db.notificationEndpoint.create({
    data: { name: "ops", url: "http://127.0.0.1:9/hook", events: ["rollback.requested", "rollback.executed"] },
  });
});
afterAll(async () => {
  (globalThis as { switchyardDb?: unknown }).switchyardDb = undefined;
  await t?.drop();
});

const live = () => createRolloutFixture(t.db, people, { status: "progressing" });
const refusals = (action: string, entityId: string) =>
  t.db.auditEvent.findMany({ where: { action: `${action}.refused`, entityId }, orderBy: { id: "asc" } });
const reasonOf = (e: { meta: unknown }) => (e.meta as { reason: string }).reason;

describe("two-person rollback", () => {
  it("requested by one person, confirmed by another: executes at once with weights before and after", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Error rate doubled on billing tickets" },
    });
    expect(request).toMatchObject({
      status: "pending",
      requestedById: people.author.id,
      confirmedById: null,
      breakGlass: false,
    });
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: f.rolloutId } })).status).toBe("progressing");

    const result = await confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } });
    expect(result.weightsBefore).toEqual({ champion: 9000, challenger: 1000 });
    expect(result.weightsAfter).toEqual({ champion: 10_000, challenger: 0 });
    expect(result.request).toMatchObject({
      status: "executed",
      confirmedById: people.approver1.id,
      weightsBefore: { champion: 9000, challenger: 1000 },
      weightsAfter: { champion: 10_000, challenger: 0 },
    });
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: f.rolloutId } })).status).toBe("rolled_back");
    const actions = (
      await t.db.auditEvent.findMany({
        where: { OR: [{ entityId: request.id }, { entityId: f.rolloutId }] },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["rollback.request", "rollback.confirm", "rollout.rollback", "rollback.procedure_start"]),
    );
  });

  it("refuses the requester's own confirmation with a reason and an audit event", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "p95 latency is up by 80 percent" },
    });
    await expect(confirmRollback({ ctx: people.author.ctx, input: { requestId: request.id } })).rejects.toThrow(
      /You requested this rollback, so you can't confirm it/,
    );
    const [event] = await refusals("rollback.confirm", request.id);
    expect(event).toMatchObject({ actorId: people.author.id, meta: expect.objectContaining({ code: "forbidden" }) });
    expect((await t.db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });

  it("holds the rule in the database: a direct update setting confirmed_by = requested_by fails", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Complaints from the support team" },
    });
    await expect(
      t.db.$executeRawUnsafe(
        `UPDATE rollback_requests SET confirmed_by_id = requested_by_id, confirmed_at = now() WHERE id = $1`,
        request.id,
      ),
    ).rejects.toThrow(/rollback_requests_two_person_check/);
    await expect(
      t.db.rollbackRequest.update({ where: { id: request.id }, data: { confirmedById: people.author.id } }),
    ).rejects.toThrow();
    expect((await t.db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } })).confirmedById).toBeNull();
  });

  it("refuses confirming twice, an executed request and a cancelled one, each audited", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Accuracy dropped below baseline" },
    });
    await confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } });
    await expect(confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } })).rejects.toThrow(
      /already been executed/,
    );
    await expect(confirmRollback({ ctx: people.approver2.ctx, input: { requestId: request.id } })).rejects.toThrow(
      /already been executed/,
    );

    const g = await live();
    const other = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: g.rolloutId, reason: "Wrong model artifact deployed" },
    });
    await cancelRollbackRequest({ ctx: people.author.ctx, input: { requestId: other.id, note: "false alarm" } });
    await expect(confirmRollback({ ctx: people.approver1.ctx, input: { requestId: other.id } })).rejects.toThrow(
      /was cancelled/,
    );
    await expect(
      cancelRollbackRequest({ ctx: people.author.ctx, input: { requestId: other.id, note: "" } }),
    ).rejects.toThrow(/cancelled already/);

    expect((await refusals("rollback.confirm", request.id)).map(reasonOf)).toEqual([
      "This rollback has already been executed.",
      "This rollback has already been executed.",
    ]);
    expect(await refusals("rollback.confirm", other.id)).toHaveLength(1);
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: g.rolloutId } })).status).toBe("progressing");
  });

  it("refuses confirming a request someone else confirmed a moment ago (concurrent confirmations)", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Drift on the churn features" },
    });
    const results = await Promise.allSettled([
      confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } }),
      confirmRollback({ ctx: people.approver2.ctx, input: { requestId: request.id } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.weightChange.count({ where: { rolloutId: f.rolloutId } })).toBe(1);
  });

  it("refuses a viewer calling request or confirm directly, audited; and short reasons or a not-live rollout", async () => {
    const f = await live();
    await expect(
      requestRollback({ ctx: people.viewer.ctx, input: { rolloutId: f.rolloutId, reason: "I think it is broken" } }),
    ).rejects.toThrow(/rollbacks\.request/);
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Error rate doubled on billing tickets" },
    });
    await expect(confirmRollback({ ctx: people.viewer.ctx, input: { requestId: request.id } })).rejects.toThrow(
      /rollbacks\.confirm/,
    );
    expect(await refusals("rollback.request", f.rolloutId)).toHaveLength(1);
    expect(await refusals("rollback.confirm", request.id)).toHaveLength(1);
    await expect(
      requestRollback({
        ctx: people.release2.ctx,
        input: { rolloutId: f.rolloutId, reason: "Second request for the same" },
      }),
    ).rejects.toThrow(/already waiting for confirmation/);
    const draft = await createRolloutFixture(t.db, people, { status: "awaiting_approval" });
    await expect(
      requestRollback({ ctx: people.author.ctx, input: { rolloutId: draft.rolloutId, reason: "Never mind this one" } }),
    ).rejects.toThrow(/never served traffic/);
    const { requestRollbackSchema } = await import("./schemas");
    expect(requestRollbackSchema.safeParse({ rolloutId: "x", reason: "bad" }).success).toBe(false);
  });
});

describe("break-glass", () => {
  it("one person rolls back alone with a written reason; flagged, notified, reviewed by another", async () => {
    const f = await live();
    const pending = await requestRollback({
      ctx: people.release2.ctx,
      input: { rolloutId: f.rolloutId, reason: "Latency creeping up in EU" },
    });
    const { request, weightsAfter } = await breakGlassRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Payments failing for every EU customer right now" },
    });
    expect(request).toMatchObject({
      breakGlass: true,
      status: "executed",
      requestedById: people.author.id,
      confirmedById: null,
      source: "break_glass",
    });
    expect(weightsAfter).toEqual({ champion: 10_000, challenger: 0 });
    expect((await t.db.rollbackRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("cancelled");
    expect(await t.db.auditEvent.count({ where: { action: "rollback.break_glass", entityId: request.id } })).toBe(1);

    await expect(
      reviewBreakGlass({ ctx: people.author.ctx, input: { requestId: request.id, note: "I think I was right" } }),
    ).rejects.toThrow(/you can't review it/);
    expect(await refusals("rollback.review", request.id)).toHaveLength(1);
    const reviewed = await reviewBreakGlass({
      ctx: people.approver1.ctx,
      input: { requestId: request.id, note: "Justified: payments were down" },
    });
    expect(reviewed).toMatchObject({ reviewedById: people.approver1.id, reviewNote: "Justified: payments were down" });
    await expect(
      reviewBreakGlass({ ctx: people.approver2.ctx, input: { requestId: request.id, note: "Also looked at it" } }),
    ).rejects.toThrow(/Already reviewed by Alan Approver/);
  });

  it("is refused to approvers (no rollbacks.break_glass), audited", async () => {
    const f = await live();
    await expect(
      breakGlassRollback({
        ctx: people.approver1.ctx,
        input: { rolloutId: f.rolloutId, reason: "Payments failing for every EU customer" },
      }),
    ).rejects.toThrow(/rollbacks\.break_glass/);
    expect(await refusals("rollback.break_glass", f.rolloutId)).toHaveLength(1);
  });
});

describe("after a rollback (seed 001 procedure)", () => {
  it("opens an incident, notifies, blocks the challenger until a root cause is recorded", async () => {
    const f = await live();
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Error rate doubled on billing tickets" },
    });
    await confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } });
    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id: f.challengerVersionId } });
    expect(version).toMatchObject({
      status: "blocked",
      blockedReason: blockedReasonFor("Error rate doubled on billing tickets"),
    });
    expect(version.blockedReason).toBe(
      "Rolled back: Error rate doubled on billing tickets. Record a root cause before rolling this version out again.",
    );
    const incident = await t.db.incident.findFirstOrThrow({ where: { rolloutId: f.rolloutId } });
    expect(incident.systemId).toBe(f.systemId);
    const notified = await t.db.notificationDelivery.findMany({
      where: {
        OR: [
          { payload: { path: ["text"], string_contains: f.rolloutId } },
          { event: { in: ["rollback.requested", "rollback.executed"] } },
        ],
      },
    });
    expect(
      notified
        .filter((d) => JSON.stringify(d.payload).includes(f.rolloutId))
        .map((d) => d.event)
        .sort(),
    ).toEqual(["rollback.executed", "rollback.requested"]);
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: f.championVersionId } })).status).not.toBe(
      "blocked",
    );

    await expect(
      recordRootCause({
        ctx: people.approver1.ctx,
        input: { rolloutId: f.rolloutId, rootCause: "Tokenizer version mismatch in the feature pipeline" },
      }),
    ).rejects.toThrow(/incidents\.write/);
    const { unblocked } = await recordRootCause({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, rootCause: "Tokenizer version mismatch in the feature pipeline" },
    });
    expect(unblocked).toEqual([f.challengerVersionId]);
    expect(await t.db.modelVersion.findUniqueOrThrow({ where: { id: f.challengerVersionId } })).toMatchObject({
      status: "registered",
      blockedReason: null,
    });
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).rootCause).toBe(
      "Tokenizer version mismatch in the feature pipeline",
    );
  });

  it("an automatic rollback needs nobody; a request still waiting for confirmation is cancelled as moot", async () => {
    const f = await live();
    const pending = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Complaints are piling up" },
    });
    const { executeRollback } = await import("../rollouts/execute-rollback");
    const { systemContext } = await import("../permissions");
    await executeRollback(t.db, {
      ctx: systemContext("controller"),
      rolloutId: f.rolloutId,
      reason: "Gate error-rate failed",
      source: "automatic",
    });
    expect((await t.db.rollbackRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("cancelled");
    const automatic = await t.db.rollbackRequest.findFirstOrThrow({
      where: { rolloutId: f.rolloutId, source: "automatic" },
    });
    expect(automatic).toMatchObject({ status: "executed", requestedById: null, confirmedById: null });
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: f.challengerVersionId } })).status).toBe(
      "blocked",
    );
    await expect(confirmRollback({ ctx: people.approver1.ctx, input: { requestId: pending.id } })).rejects.toThrow(
      /was cancelled/,
    );
  });

  it("verifies recovery from the champion's rollups before the rollback and the system's traffic after it, when no rollout runs", async () => {
    const f = await live();
    expect((await verifyRecovery(t.db, f.rolloutId)).verdict).toBe("not_rolled_back");
    const request = await requestRollback({
      ctx: people.author.ctx,
      input: { rolloutId: f.rolloutId, reason: "Error rate doubled on billing tickets" },
    });
    await confirmRollback({ ctx: people.approver1.ctx, input: { requestId: request.id } });
    const at = (await t.db.rollbackRequest.findUniqueOrThrow({ where: { id: request.id } })).executedAt!;
    expect((await verifyRecovery(t.db, f.rolloutId)).verdict).toBe("inconclusive");
    const buckets = (i: number, n: number) => Array.from({ length: 14 }, (_, j) => (j === i ? n : 0));
    const bucketAt = (offsetS: number) => new Date(Math.floor((at.getTime() + offsetS * 1000) / 10_000) * 10_000);
    await t.db.metricRollup.createMany({
      data: [-120, -60].map((offset) => ({
        rolloutId: f.rolloutId,
        variant: "champion",
        segment: "*",
        bucketStart: bucketAt(offset),
        requests: 500n,
        errors: 5n,
        latencyBuckets: buckets(4, 500).map(BigInt),
      })),
    });
    // After the rollback the router serves the champion alone: its reports name no rollout.
    const { slug } = await t.db.system.findUniqueOrThrow({ where: { id: f.systemId } });
    let sequence = 0;
    const report = (offsetS: number, requests: number, errors: number, bucket: number) =>
      ingestRouterBatch(t.db, {
        routerId: "edge-1",
        sequence: ++sequence,
        rolloutId: null,
        system: slug,
        configVersion: 9,
        sentAt: new Date().toISOString(),
        latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
        cells: [
          {
            variant: "champion",
            segment: "billing",
            bucketStart: bucketAt(offsetS).toISOString(),
            requests,
            errors,
            latencySumMs: requests * 8,
            latencyBuckets: buckets(bucket, requests),
            mirrored: 0,
            agreements: 0,
            predictions: {},
          },
        ],
      });
    expect(await report(15, 100, 1, 4)).toMatchObject({
      status: "accepted",
      detail: "no live rollout: counted as the system's traffic only",
    });
    const recovered = await verifyRecovery(t.db, f.rolloutId);
    expect(recovered).toMatchObject({ verdict: "recovered", baseline: { requests: 1000 }, after: { requests: 100 } });
    await report(25, 100, 20, 7);
    const worse = await verifyRecovery(t.db, f.rolloutId);
    expect(worse.verdict).toBe("not_recovered");
  });
});
