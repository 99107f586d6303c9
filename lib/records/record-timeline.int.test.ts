import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createPeople, createRolloutFixture, type People } from "../approvals/testing/governance-fixture";
import type { TimelineEntry } from "./record-content";
import { syncDeploymentRecord } from "./sync-deployment-record";

vi.mock("server-only", () => ({}));

const { signChecklistItem } = await import("../checklists/sign-checklist-item");
const { approveRollout } = await import("../approvals/approve-rollout");

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

describe("the deployment record's timeline tells who did what", () => {
  it("lists every sign-off (who, item, note) and every approval under its real approver, never the author", async () => {
    const f = await createRolloutFixture(t.db, people, { requiredApprovals: 2 });
    const items = await t.db.checklistItem.findMany({
      where: { rolloutId: f.rolloutId },
      orderBy: { position: "asc" },
    });
    await t.db.checklistItem.updateMany({
      where: { rolloutId: f.rolloutId, verification: { not: "manual" } },
      data: { status: "verified", signedAt: new Date() },
    });
    const manual = items.filter((i) => i.verification === "manual");
    for (const [n, item] of manual.entries())
      await signChecklistItem({
        ctx: (n % 2 ? people.approver2 : people.release2).ctx,
        input: { itemId: item.id, note: `checked ${n + 1}`, evidenceUrl: "" },
      });
    await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "Offline metrics look right" },
    });
    await approveRollout({
      ctx: people.approver2.ctx,
      input: { rolloutId: f.rolloutId, planHash: f.planHash, comment: "" },
    });
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: f.rolloutId } })).status).toBe("ready");

    await t.db.rollout.update({ where: { id: f.rolloutId }, data: { status: "progressing", startedAt: new Date() } });
    await t.db.$transaction((tx) => syncDeploymentRecord(tx, f.rolloutId));
    const record = await t.db.deploymentRecord.findUniqueOrThrow({ where: { rolloutId: f.rolloutId } });
    const timeline = record.timeline as unknown as TimelineEntry[];
    const of = (action: string) => timeline.filter((e) => e.action === action);

    expect(of("approval.grant").map((e) => [e.actor.replace(/ <.*>$/, ""), e.detail])).toEqual([
      ["Alan Approver", `Approved the plan (${f.planHash.slice(0, 12)}): “Offline metrics look right”`],
      ["Amy Approver", `Approved the plan (${f.planHash.slice(0, 12)})`],
    ]);
    expect(of("checklist.sign")).toHaveLength(manual.length);
    expect(of("checklist.sign").map((e) => [e.actor.replace(/ <.*>$/, ""), e.detail])).toEqual(
      manual.map((item, n) => [n % 2 ? "Amy Approver" : "Rosa Release", `Signed “${item.label}”: checked ${n + 1}`]),
    );
    // The plan became ready by Switchyard's rule, naming its approvers: not under the author's name.
    const ready = of("rollout.approve");
    expect(ready).toHaveLength(1);
    expect(ready[0].actor).toBe("system:approvals");
    expect(ready[0].detail).toBe("Checklist done and plan approved by Alan Approver, Amy Approver");
    expect(timeline.some((e) => e.actor.startsWith("Rick Release") && /approv/i.test(e.action))).toBe(false);
  });
});
