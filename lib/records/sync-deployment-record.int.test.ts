import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { systemContext } from "../permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { verifyChain, withChainQuery } from "../audit/verify-chain";
import { syncDeploymentRecord } from "./sync-deployment-record";
import { recordContentOf, recordDigest, type RecordStage, type StageMetrics } from "./record-content";
import { createRolloutFixture } from "./testing/rollout-fixture";

let t: TestDatabase;
const ctx = systemContext("controller");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe("syncDeploymentRecord", () => {
  it("writes nothing for a rollout that has not started", async () => {
    const f = await createRolloutFixture(t.db, { status: "draft" });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
    expect(await t.db.deploymentRecord.count({ where: { rolloutId: f.rolloutId } })).toBe(0);
  });

  it("creates a numbered record when the rollout starts, with stages, timeline and metrics per stage", async () => {
    const f = await createRolloutFixture(t.db, { stepsDone: 3 });
    await t.db.$transaction(async (tx) => {
      await writeAuditEvent(tx, ctx, {
        action: "rollout.start",
        entityType: "rollout",
        entityId: f.rolloutId,
        meta: { reason: "window opened" },
      });
      await syncDeploymentRecord(tx, f.rolloutId);
    });
    const r = await t.db.deploymentRecord.findUniqueOrThrow({ where: { rolloutId: f.rolloutId } });
    expect(r.number).toMatch(/^DR-\d{4}-\d{4}$/);
    expect(r.fromVersion).toMatch(/^1\.0-/);
    expect(r.toVersion).toMatch(/^1\.1-/);
    expect(r.frozenAt).toBeNull();
    const stages = r.stages as unknown as RecordStage[];
    expect(stages.map((s) => s.label)).toEqual(["internal 0 %", "1 %", "10 %", "50 %", "100 %"]);
    expect(stages.map((s) => s.phase)).toEqual(["internal", "alpha", "beta", "beta", "ga"]);
    expect(stages.map((s) => s.status)).toEqual(["completed", "completed", "running", "pending", "pending"]);
    expect(stages[1]!.weights).toEqual({ champion: 9_900, challenger: 100 });
    const metrics = r.metrics as unknown as StageMetrics[];
    expect(metrics).toHaveLength(3);
    // Stage "1 %" ran minutes 1–3 (set_weight + analysis): two minutes of rollups per variant.
    expect(metrics[1]!.variants.challenger).toMatchObject({
      requests: 200,
      errors: 4,
      errorRate: 0.02,
      p95LatencyMs: 100,
      labelled: 100,
      accuracy: 0.88,
    });
    expect(metrics[1]!.variants.champion).toMatchObject({
      requests: 200,
      errorRate: 0.01,
      p95LatencyMs: 100,
      accuracy: 0.9,
    });
    expect(r.timeline).toEqual([
      expect.objectContaining({ action: "rollout.start", actor: "system:controller", detail: "window opened" }),
    ]);
    const created = await t.db.auditEvent.findFirst({ where: { action: "deployment_record.create", entityId: r.id } });
    expect(created).not.toBeNull();

    const second = await createRolloutFixture(t.db);
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, second.rolloutId));
    const r2 = await t.db.deploymentRecord.findUniqueOrThrow({ where: { rolloutId: second.rolloutId } });
    const n = (x: string) => Number(x.slice(-4));
    expect(n(r2.number)).toBe(n(r.number) + 1);
  });

  it("records issues and rollbacks, then freezes with a digest tied to the audit chain", async () => {
    const f = await createRolloutFixture(t.db, { stepsDone: 4 });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
    const now = new Date();
    await t.db.analysisRun.create({
      data: {
        rolloutId: f.rolloutId,
        stepIndex: 4,
        gate: "error-rate",
        verdict: "fail",
        evidence: { summary: "challenger 2.0 % vs champion 1.0 %" },
        windowStart: now,
        windowEnd: now,
      },
    });
    await t.db.rollbackRequest.create({
      data: {
        rolloutId: f.rolloutId,
        requestedById: f.authorId,
        source: "manual",
        reason: "error rate doubled on billing",
        status: "executed",
        executedAt: now,
        weightsBefore: { champion: 9000, challenger: 1000 },
        weightsAfter: { champion: 10000, challenger: 0 },
      },
    });
    await t.db.incident.create({
      data: { systemId: f.systemId, rolloutId: f.rolloutId, title: "Billing tickets misrouted", severity: "major" },
    });
    await t.db.$transaction(async (tx) => {
      await tx.rollout.update({
        where: { id: f.rolloutId },
        data: { status: "rolled_back", endedAt: now, statusReason: "rolled back by two-person rule" },
      });
      await writeAuditEvent(tx, ctx, {
        action: "rollout.rollback",
        entityType: "rollout",
        entityId: f.rolloutId,
        after: { status: "rolled_back" },
      });
      await syncDeploymentRecord(tx, f.rolloutId);
    });
    const r = await t.db.deploymentRecord.findUniqueOrThrow({
      where: { rolloutId: f.rolloutId },
      include: { system: true, rollout: { select: { name: true } } },
    });
    expect(r).toMatchObject({ outcome: "rolled_back", rollbackUsed: true });
    expect(r.frozenAt).not.toBeNull();
    expect((r.issues as { kind: string }[]).map((i) => i.kind).sort()).toEqual([
      "analysis_failed",
      "incident",
      "rollback",
    ]);
    expect((r.timeline as { action: string }[]).map((e) => e.action)).toEqual(
      expect.arrayContaining(["rollout.rollback", "rollback.requested", "rollback.executed"]),
    );
    expect(r.notes).toContain("rolled back by two-person rule");
    // Digest = sha256(canonical content), and the audit head it names is the rollback event.
    expect(r.digest).toBe(recordDigest(recordContentOf(r)));
    const rollbackEvent = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "rollout.rollback", entityId: f.rolloutId },
    });
    expect(r.auditHash).toBe(rollbackEvent.hash);
    const freeze = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "deployment_record.freeze", entityId: r.id },
    });
    expect(freeze.after).toMatchObject({ digest: r.digest, auditHash: r.auditHash, outcome: "rolled_back" });

    // Frozen: later syncs change nothing, and the database refuses edits and deletes.
    await t.db.analysisRun.create({
      data: {
        rolloutId: f.rolloutId,
        gate: "latency",
        verdict: "fail",
        evidence: {},
        windowStart: now,
        windowEnd: now,
      },
    });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
    const again = await t.db.deploymentRecord.findUniqueOrThrow({ where: { id: r.id } });
    expect(again.updatedAt).toEqual(r.updatedAt);
    expect(again.issues).toEqual(r.issues);
    await expect(
      t.db.deploymentRecord.update({ where: { id: r.id }, data: { notes: "edited later" } }),
    ).rejects.toThrow(/frozen/);
    await expect(t.db.deploymentRecord.delete({ where: { id: r.id } })).rejects.toThrow(/frozen/);

    const chain = await withChainQuery(verifyChain, t.url);
    expect(chain).toMatchObject({ ok: true, anchorsChecked: 1 });
  });
});
