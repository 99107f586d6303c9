import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createPeople, createRolloutFixture, type People } from "../approvals/testing/governance-fixture";
import { signChecklistItemSchema } from "./schemas";

vi.mock("server-only", () => ({}));

const { signChecklistItem } = await import("./sign-checklist-item");
const { runSystemChecks } = await import("./verify-system-checks");
const { runChecklistChecks } = await import("./run-checklist-checks");
const { createRolloutChecklist } = await import("./create-rollout-checklist");
const { saveChecklistTemplate } = await import("./save-checklist-template");

let t: TestDatabase;
let people: People;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  people = await createPeople(t.db);
  // A model server whose /healthz answers 200 under /up and 503 under /down.
  server = http.createServer((req, res) => {
    res.statusCode = req.url === "/up/healthz" ? 200 : 503;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  (globalThis as { switchyardDb?: unknown }).switchyardDb = undefined;
  await t?.drop();
});

const item = (rolloutId: string, label: string) => t.db.checklistItem.findFirstOrThrow({ where: { rolloutId, label } });

describe("createRolloutChecklist", () => {
  it("copies seed 003's four sections when no template exists, and the system's template when set", async () => {
    const f = await createRolloutFixture(t.db, people);
    const items = await t.db.checklistItem.findMany({
      where: { rolloutId: f.rolloutId },
      orderBy: { position: "asc" },
    });
    expect([...new Set(items.map((i) => i.section))]).toEqual([
      "Model validation",
      "Infrastructure",
      "Observability",
      "Process",
    ]);
    expect(
      items
        .filter((i) => i.verification !== "manual")
        .map((i) => i.verification)
        .sort(),
    ).toEqual(["health_checks", "offline_metrics", "rollback_plan", "routers_healthy"]);

    const template = await saveChecklistTemplate({
      ctx: people.admin.ctx,
      input: {
        name: "Short",
        isDefault: false,
        items: [{ section: "Process", label: "Change request approved", required: true, verification: "manual" }],
      },
    });
    await t.db.system.update({ where: { id: f.systemId }, data: { checklistTemplateId: template.id } });
    const r = await t.db.rollout.create({
      data: {
        systemId: f.systemId,
        name: "second",
        strategy: "direct",
        authorId: people.author.id,
        planHash: "x",
        salt: "s",
      },
    });
    await t.db.$transaction((tx) => createRolloutChecklist(tx, { rolloutId: r.id, systemId: f.systemId }));
    expect(await t.db.checklistItem.findMany({ where: { rolloutId: r.id }, select: { label: true } })).toEqual([
      { label: "Change request approved" },
    ]);
  });

  it("template editing is for admins; a release manager is refused with an audit event", async () => {
    await expect(
      saveChecklistTemplate({
        ctx: people.author.ctx,
        input: {
          name: "Mine",
          isDefault: false,
          items: [{ section: "Process", label: "Anything", required: true, verification: "manual" }],
        },
      }),
    ).rejects.toThrow(/checklists\.templates/);
    expect(await t.db.auditEvent.count({ where: { action: "checklist_template.save.refused" } })).toBe(1);
  });
});

describe("signChecklistItem", () => {
  it("needs a note or an evidence link", () => {
    expect(signChecklistItemSchema.safeParse({ itemId: "x" }).success).toBe(false);
    expect(
      signChecklistItemSchema.safeParse({ itemId: "x", evidenceUrl: "https://ci.example.com/run/1" }).success,
    ).toBe(true);
    expect(signChecklistItemSchema.safeParse({ itemId: "x", evidenceUrl: "javascript:alert(1)" }).success).toBe(false);
  });

  it("signs a manual item with who and when; refuses twice, system items, and viewers (audited)", async () => {
    const f = await createRolloutFixture(t.db, people);
    const bias = await item(f.rolloutId, "Bias and fairness checks passed");
    const { item: signed } = await signChecklistItem({
      ctx: people.approver1.ctx,
      input: { itemId: bias.id, note: "Fairness report reviewed", evidenceUrl: "" },
    });
    expect(signed).toMatchObject({
      status: "signed",
      signedById: people.approver1.id,
      note: "Fairness report reviewed",
    });
    await expect(
      signChecklistItem({ ctx: people.approver2.ctx, input: { itemId: bias.id, note: "again", evidenceUrl: "" } }),
    ).rejects.toThrow(/already signed by Alan Approver/);
    const metrics = await item(f.rolloutId, "Offline metrics meet thresholds");
    await expect(
      signChecklistItem({
        ctx: people.approver1.ctx,
        input: { itemId: metrics.id, note: "looks ok", evidenceUrl: "" },
      }),
    ).rejects.toThrow(/verified by Switchyard itself/);
    const other = await item(f.rolloutId, "Runbook updated");
    await expect(
      signChecklistItem({ ctx: people.viewer.ctx, input: { itemId: other.id, note: "ok ok", evidenceUrl: "" } }),
    ).rejects.toThrow(/checklists\.sign/);
    const refused = await t.db.auditEvent.findMany({ where: { action: "checklist.sign.refused" } });
    expect(refused.map((e) => (e.meta as { code: string }).code)).toEqual([
      "conflict",
      "precondition_failed",
      "forbidden",
    ]);
    expect(await t.db.auditEvent.count({ where: { action: "checklist.sign", entityId: bias.id } })).toBe(1);
  });
});

describe("runSystemChecks", () => {
  it("verifies offline metrics, routers, rollback plan and /healthz with evidence", async () => {
    const f = await createRolloutFixture(t.db, people, {
      upstreams: { champion: `${base}/up`, challenger: `${base}/up` },
    });
    await t.db.router.create({
      data: {
        systemId: f.systemId,
        name: "edge",
        type: "builtin",
        endpoint: "http://127.0.0.1:1",
        health: "healthy",
        desiredVersion: 2,
        appliedVersion: 2,
      },
    });
    const outcomes = await runSystemChecks(t.db, f.rolloutId);
    expect(outcomes.map((o) => [o.label, o.status])).toEqual([
      ["Offline metrics meet thresholds", "verified"],
      ["Health checks implemented", "verified"],
      ["Routers healthy and in sync", "verified"],
      ["Rollback plan documented", "verified"],
    ]);
    const metrics = await item(f.rolloutId, "Offline metrics meet thresholds");
    expect(metrics.evidence).toMatchObject({
      ok: true,
      challengers: [
        { comparisons: [{ metric: "accuracy", challenger: 0.92, champion: 0.9 }, { metric: "p95_latency_ms" }] },
      ],
    });
    expect(await t.db.auditEvent.count({ where: { action: "checklist.verify", entityId: f.rolloutId } })).toBe(1);
  });

  it("fails with the reason: a worse challenger, an unhealthy router, a dead endpoint", async () => {
    const f = await createRolloutFixture(t.db, people, {
      challengerMetrics: { accuracy: 0.8 },
      upstreams: { champion: `${base}/up`, challenger: `${base}/down` },
    });
    await t.db.router.create({
      data: {
        systemId: f.systemId,
        name: "edge",
        type: "builtin",
        endpoint: "http://127.0.0.1:1",
        health: "degraded",
        desiredVersion: 3,
        appliedVersion: 2,
      },
    });
    const outcomes = await runChecklistChecks({ ctx: people.release2.ctx, input: { rolloutId: f.rolloutId } });
    const byLabel = Object.fromEntries(outcomes.map((o) => [o.label, o]));
    expect(byLabel["Offline metrics meet thresholds"]).toMatchObject({
      status: "failed",
      summary: expect.stringContaining("accuracy 0.8 vs 0.9"),
    });
    expect(byLabel["Routers healthy and in sync"]).toMatchObject({
      status: "failed",
      summary: "edge is degraded and out of sync (v2 of v3)",
    });
    expect(byLabel["Health checks implemented"]).toMatchObject({ status: "failed", summary: "challenger: HTTP 503" });
    expect(byLabel["Rollback plan documented"]?.status).toBe("verified");
  });

  it("fails the rollback plan when the plan doesn't validate or there is no champion endpoint", async () => {
    const f = await createRolloutFixture(t.db, people);
    await t.db.rolloutVariant.updateMany({
      where: { rolloutId: f.rolloutId, role: "champion" },
      data: { upstreamUrl: "" },
    });
    const outcomes = await runSystemChecks(t.db, f.rolloutId);
    expect(outcomes.find((o) => o.label === "Rollback plan documented")).toMatchObject({
      status: "failed",
      summary: "the champion has no endpoint to roll back to",
    });
    expect(outcomes.find((o) => o.label === "Routers healthy and in sync")).toMatchObject({
      status: "failed",
      summary: "the system has no routers registered",
    });
  });
});
