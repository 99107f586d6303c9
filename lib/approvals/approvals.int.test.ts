import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { completeChecklist, createPeople, createRolloutFixture, type People } from "./testing/governance-fixture";

vi.mock("server-only", () => ({}));

const { approveRollout } = await import("./approve-rollout");
const { revokeApproval } = await import("./revoke-approval");
const { getStartBlockers } = await import("./start-blockers");
const { voidApprovals } = await import("./void-approvals");

let t: TestDatabase;
let people: People;

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  people = await createPeople(t.db);
});
afterAll(async () => {
  (globalThis as { switchyardDb?: unknown }).switchyardDb = undefined;
  await t?.drop();
});

const refusals = (action: string, entityId: string) =>
  t.db.auditEvent.findMany({ where: { action: `${action}.refused`, entityId }, orderBy: { id: "asc" } });

describe("approveRollout", () => {
  it("refuses the author with a reason and an audit event; the database refuses it too", async () => {
    const f = await createRolloutFixture(t.db, people);
    const authorAsApprover = { ...people.author.ctx, actor: { ...people.author.ctx.actor, role: "approver" as const } };
    await expect(
      approveRollout({ ctx: authorAsApprover, input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" } }),
    ).rejects.toThrow(/You wrote this rollout plan/);
    const [event] = await refusals("approval.grant", f.rolloutId);
    expect(event?.meta).toMatchObject({
      code: "forbidden",
      reason: expect.stringMatching(/You wrote this rollout plan/),
    });
    expect(event?.actorId).toBe(people.author.id);
    await expect(
      t.db.$executeRawUnsafe(
        `INSERT INTO approvals (id, rollout_id, approver_id, plan_hash, expires_at) VALUES ('self', $1, $2, $3, now() + interval '1 day')`,
        f.rolloutId,
        people.author.id,
        f.planHash,
      ),
    ).rejects.toThrow(/cannot approve their own rollout/);
  });

  it("refuses a viewer calling the action directly, with an audit event", async () => {
    const f = await createRolloutFixture(t.db, people);
    await expect(
      approveRollout({ ctx: people.viewer.ctx, input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" } }),
    ).rejects.toThrow(/approvals\.approve/);
    expect(await refusals("approval.grant", f.rolloutId)).toHaveLength(1);
    expect(await t.db.approval.count({ where: { rolloutId: f.rolloutId } })).toBe(0);
  });

  it("refuses a stale plan hash and a draft, and twice for the same plan", async () => {
    const f = await createRolloutFixture(t.db, people);
    await expect(
      approveRollout({
        ctx: people.approver1.ctx,
        input: { rolloutId: f.rolloutId, planHash: "b".repeat(64), comment: "" },
      }),
    ).rejects.toThrow(/The plan changed since you reviewed it/);
    await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "fine" },
    });
    await expect(
      approveRollout({
        ctx: people.approver1.ctx,
        input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
      }),
    ).rejects.toThrow(/already approved this plan/);
    const events = await refusals("approval.grant", f.rolloutId);
    expect(events.map((e) => (e.meta as { code: string }).code)).toEqual(["precondition_failed", "conflict"]);
    const draft = await createRolloutFixture(t.db, people, { status: "draft" });
    await expect(
      approveRollout({
        ctx: people.approver1.ctx,
        input: { rolloutId: draft.rolloutId, planHash: draft.planHash, comment: "" },
      }),
    ).rejects.toThrow(/still a draft/);
  });

  it("expires after the configured time (default 24 h) and binds to the plan hash", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 1 });
    const before = Date.now();
    const { approval } = await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    expect(approval.planHash).toBe(f.planHash);
    expect(approval.expiresAt.getTime() - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(approval.expiresAt.getTime() - before).toBeLessThanOrEqual(24 * 3_600_000 + 5000);
    expect(await getStartBlockers(t.db, f.rolloutId)).toHaveLength(1); // the checklist
    expect((await getStartBlockers(t.db, f.rolloutId, new Date(Date.now() + 25 * 3_600_000))).join()).toMatch(
      /0 of 1 required approval.*1 expired/,
    );
    process.env.SWITCHYARD_APPROVAL_TTL_HOURS = "2";
    try {
      const { approval: short } = await approveRollout({
        ctx: people.approver2.ctx,
        input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
      });
      expect(Math.round((short.expiresAt.getTime() - Date.now()) / 3_600_000)).toBe(2);
    } finally {
      delete process.env.SWITCHYARD_APPROVAL_TTL_HOURS;
    }
  });

  it("moves the rollout to ready through the state machine once approvals and checklist are complete", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 2 });
    await completeChecklist(t.db, f.rolloutId, people.release2.id);
    const first = await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    expect(first.ready).toBe(false);
    expect(await getStartBlockers(t.db, f.rolloutId)).toEqual([
      expect.stringMatching(/^Approvals: 1 of 2 required approvals of the current plan/),
    ]);
    const second = await approveRollout({
      ctx: people.approver2.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    expect(second.ready).toBe(true);
    expect(await getStartBlockers(t.db, f.rolloutId)).toEqual([]);
    const rollout = await t.db.rollout.findUniqueOrThrow({ where: { id: f.rolloutId } });
    expect(rollout.status).toBe("ready");
    expect(await t.db.auditEvent.count({ where: { action: "rollout.approve", entityId: f.rolloutId } })).toBe(1);
  });
});

describe("start blockers, voiding and revoking", () => {
  it("lists unsigned required items and failed checks, ignoring optional items", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 0 });
    const blockers = await getStartBlockers(t.db, f.rolloutId);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toMatch(
      /^Checklist: 2\d required checklist items are not signed or verified yet: “Offline metrics meet thresholds”/,
    );
    await completeChecklist(t.db, f.rolloutId, people.release2.id);
    await t.db.checklistItem.updateMany({
      where: { rolloutId: f.rolloutId, verification: "routers_healthy" },
      data: { status: "failed", evidence: { summary: "edge is down" } },
    });
    await t.db.checklistItem.updateMany({
      where: { rolloutId: f.rolloutId, required: false },
      data: { status: "pending" },
    });
    expect(await getStartBlockers(t.db, f.rolloutId)).toEqual([
      "Checklist: “Routers healthy and in sync” failed its system check (edge is down). Fix it and run the checks again.",
    ]);
  });

  it("voids approvals when the plan is edited: they stop counting and the change is audited", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 1 });
    await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    const n = await t.db.$transaction((tx) => voidApprovals(tx, { rolloutId: f.rolloutId, reason: "plan edited" }));
    expect(n).toBe(1);
    expect((await getStartBlockers(t.db, f.rolloutId)).join()).toMatch(/0 of 1 required approval.*1 voided/);
    expect(await t.db.auditEvent.count({ where: { action: "approval.void", entityId: f.rolloutId } })).toBe(1);
  });

  it("counts only approvals of the current plan hash", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 1 });
    await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    await t.db.rollout.update({ where: { id: f.rolloutId }, data: { planHash: "c".repeat(64) } });
    expect((await getStartBlockers(t.db, f.rolloutId)).join()).toMatch(/0 of 1 .*1 for an older plan/);
  });

  it("lets only the approver revoke their approval, once", async () => {
    const f = await createRolloutFixture(t.db, people);
    const { approval } = await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    await expect(revokeApproval({ ctx: people.approver2.ctx, input: { approvalId: approval.id } })).rejects.toThrow(
      /Only the approver who gave/,
    );
    const revoked = await revokeApproval({ ctx: people.approver1.ctx, input: { approvalId: approval.id } });
    expect(revoked.voidedAt).not.toBeNull();
    await expect(revokeApproval({ ctx: people.approver1.ctx, input: { approvalId: approval.id } })).rejects.toThrow(
      /no longer counts/,
    );
    expect(await refusals("approval.revoke", approval.id)).toHaveLength(2);
  });
});
