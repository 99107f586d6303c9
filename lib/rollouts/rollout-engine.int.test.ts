// The rollout engine against a real built-in router and real model servers: weights move on the
// router as the plan runs, requests are counted per variant, and the rules hold under
// concurrency, router outages and a controller killed mid-rollout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, sendTraffic, type EngineFixture } from "./testing/engine-fixture";
import { startRouter } from "../dataplane/testing/processes";
import { systemContext } from "../permissions";
import type { PlanStepInput } from "./schemas";

let t: TestDatabase;
let f: EngineFixture;

// Modules that use lib/db are imported after DATABASE_URL points at the test database.
let verbs: typeof import("./testing/verbs");
let drive: typeof import("../controller/drive-rollout");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("./testing/verbs");
  drive = await import("../controller/drive-rollout");
  f = await startEngineFixture(t.db);
  const first = await (await import("./push-routing")).pushSystemRouting(t.db, { systemId: f.systemId });
  expect(first.every((p) => p.ok)).toBe(true);
});

afterAll(async () => {
  await f?.stop();
  await t?.drop();
});

const controller = systemContext("controller");

// Gates sized for a test: a few hundred requests decide.
const GATES = [
  { name: "error-rate", metric: "error_rate", threshold: 0.05, passMargin: 1, absoluteFloor: 0.02, minSamples: 150 },
  { name: "latency-p95", metric: "latency_p95", threshold: 3, minSamples: 150 },
];

async function newRollout(
  strategy: string,
  steps: PlanStepInput[],
  config: Record<string, unknown> = {},
  challenger?: string,
) {
  // A failed earlier test must not leave the system busy for the next one.
  for (const left of await t.db.rollout.findMany({
    where: { systemId: f.systemId, status: { in: ["ready", "progressing", "paused"] } },
  }))
    await finish(left.id);
  const created = await verbs.createRollout({
    ctx: f.rm,
    input: {
      system: f.systemSlug,
      name: `${strategy} ${Date.now()}`,
      description: "",
      strategy: strategy as never,
      challengers: [{ versionId: challenger ?? f.challengerVersionId }],
      steps,
      config: { analysisIntervalSeconds: 1, maxInconclusive: 60, ...config },
      gates: GATES,
    },
  });
  const submitted = await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  expect(submitted.rollout.status).toBe("ready");
  return created.id;
}

async function served() {
  const res = await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } });
  return (await res.json()) as { version: number; weights: Record<string, number> };
}

/** Plays the controller: drive every 300 ms while sending traffic, until `done` or 40 s. */
async function driveUntil(
  rolloutId: string,
  done: (status: string, currentStepIndex: number) => boolean,
  traffic: () => Promise<unknown> = () => sendTraffic(f.router.url, 150),
) {
  const deadline = Date.now() + 40_000;
  for (;;) {
    await drive.driveRollout(t.db, { rolloutId, ctx: controller });
    const r = await t.db.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
    if (done(r.status, r.currentStepIndex)) return r;
    if (Date.now() > deadline) throw new Error(`rollout still ${r.status}: ${r.statusReason}`);
    await traffic();
    await new Promise((res) => setTimeout(res, 300));
  }
}

async function finish(rolloutId: string) {
  const r = await t.db.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
  if (["ready", "progressing", "paused"].includes(r.status))
    await verbs.abortRollout({ ctx: f.rm, input: { rolloutId } });
}

describe("canary through the built-in router", () => {
  it("moves real requests 0 → 10 → 50 → 100 % as the steps apply, each step once", async () => {
    const id = await newRollout("canary", [
      { kind: "set_weight", weight: 1000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 5000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    const before = await sendTraffic(f.router.url, 200);
    expect(before.counts).toEqual({ champion: 200 });

    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    expect((await served()).weights).toEqual({ champion: 9000, challenger: 1000 });
    const at10 = await sendTraffic(f.router.url, 2000);
    expect(at10.failures).toBe(0);
    expect(at10.counts.challenger! / 2000).toBeGreaterThan(0.08);
    expect(at10.counts.challenger! / 2000).toBeLessThan(0.12);

    await verbs.advanceRollout({ ctx: f.rm, input: { rolloutId: id } });
    expect((await served()).weights).toEqual({ champion: 5000, challenger: 5000 });
    const at50 = await sendTraffic(f.router.url, 2000);
    // Sticky: every user who had the challenger at 10 % still has it at 50 %.
    for (const [user, variant] of Object.entries(at10.byUser))
      if (variant === "challenger") expect(at50.byUser[user]).toBe("challenger");
    expect(at50.counts.challenger! / 2000).toBeGreaterThan(0.46);
    expect(at50.counts.challenger! / 2000).toBeLessThan(0.54);

    await verbs.advanceRollout({ ctx: f.rm, input: { rolloutId: id } });
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
    const done = await t.db.rollout.findUniqueOrThrow({
      where: { id },
      include: { weightChanges: { orderBy: { configVersion: "asc" } } },
    });
    expect(done.status).toBe("completed");
    expect(done.weightChanges.map((w) => (w.weights as Record<string, number>).challenger ?? 0)).toEqual([
      0, 1000, 5000, 10_000,
    ]);
    const starts = await t.db.auditEvent.findMany({ where: { entityId: id, action: "rollout.step_start" } });
    expect(starts.map((e) => (e.after as { stepIndex: number }).stepIndex).sort()).toEqual([0, 1, 2, 3, 4]);
    const at100 = await sendTraffic(f.router.url, 300);
    expect(at100.counts).toEqual({ champion: 300 });
    const system = await t.db.system.findUniqueOrThrow({ where: { id: f.systemId } });
    expect(system.championVersionId).toBe(f.challengerVersionId);
    // Put 1.4.0 back as champion for the following tests.
    await t.db.system.update({ where: { id: f.systemId }, data: { championVersionId: f.championVersionId } });
    await (await import("./push-routing")).pushSystemRouting(t.db, { systemId: f.systemId });
  });

  it("two people promoting at once: one wins, the other gets a conflict, nothing applied twice", async () => {
    const id = await newRollout("canary", [
      { kind: "set_weight", weight: 1000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    const { rollout } = await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    const results = await Promise.allSettled([
      verbs.promoteRollout({ ctx: f.rm, input: { rolloutId: id, expectedRevision: rollout.revision } }),
      verbs.promoteRollout({ ctx: f.rm2, input: { rolloutId: id, expectedRevision: rollout.revision } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("conflict");
    expect(rejected.reason.message).toMatch(/Someone else changed/);
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
    const changes = await t.db.weightChange.findMany({ where: { rolloutId: id } });
    expect(changes.filter((c) => (c.weights as Record<string, number>).challenger === 10_000)).toHaveLength(1);
    expect((await t.db.auditEvent.findMany({ where: { entityId: id, action: "rollout.promote" } })).length).toBe(1);
    await t.db.system.update({ where: { id: f.systemId }, data: { championVersionId: f.championVersionId } });
    await (await import("./push-routing")).pushSystemRouting(t.db, { systemId: f.systemId });
  });

  it("abort puts 100 % back on the champion on the router at once", async () => {
    const id = await newRollout("canary", [
      { kind: "set_weight", weight: 5000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    expect((await served()).weights.challenger).toBe(5000);
    const aborted = await verbs.abortRollout({ ctx: f.rm, input: { rolloutId: id, reason: "test" } });
    expect(aborted.routers.every((p) => p.ok)).toBe(true);
    expect((await served()).weights).toEqual({ champion: 10_000 });
    expect((await sendTraffic(f.router.url, 200)).counts).toEqual({ champion: 200 });
  });
});

describe("faults", () => {
  it("a router down during a push marks the rollout not in sync, blocks progress, and catches up when it returns", async () => {
    const id = await newRollout("canary", [
      { kind: "set_weight", weight: 1000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    const port = new URL(f.router.url).port;
    const adminPort = new URL(f.router.adminUrl).port;
    await f.router.stop();
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    let r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
    expect(r.inSync).toBe(false);
    const router = await t.db.router.findUniqueOrThrow({ where: { id: f.routerId } });
    expect(router.health).toBe("down");
    expect(router.lastError).toBeTruthy();
    // Promotion waits for sync: the controller keeps the desired state and does not move on.
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
    expect(
      (await t.db.planStep.findMany({ where: { rolloutId: id, status: "completed" } })).length,
    ).toBeLessThanOrEqual(1);
    // Nothing moves while the start config is unconfirmed: the first step waits.
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id } })).desiredWeights).toEqual({ champion: 10_000 });

    f.router = await startRouter({
      dataDir: f.router.dataDir,
      token: f.router.token,
      env: {
        ROUTER_PORT: port,
        ROUTER_ADMIN_PORT: adminPort,
        SWITCHYARD_INGEST_URL: f.ingestUrl,
        ROUTER_REPORT_INTERVAL_MS: "300",
      },
    });
    await t.db.routerApplication.updateMany({
      where: { weightChange: { rolloutId: id } },
      data: { nextAttemptAt: new Date(0) },
    });
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
    r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
    expect(r.inSync).toBe(true);
    expect((await served()).weights).toEqual({ champion: 9000, challenger: 1000 });
    await finish(id);
  });

  it("a router restarted while the control plane is down serves its last good config from disk", async () => {
    const id = await newRollout("canary", [
      { kind: "set_weight", weight: 2000 },
      { kind: "pause" },
      { kind: "set_weight", weight: 10_000 },
    ]);
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    const port = new URL(f.router.url).port;
    const adminPort = new URL(f.router.adminUrl).port;
    await f.router.stop();
    f.router = await startRouter({
      dataDir: f.router.dataDir,
      token: f.router.token,
      env: { ROUTER_PORT: port, ROUTER_ADMIN_PORT: adminPort, SWITCHYARD_INGEST_URL: "http://127.0.0.1:1/unreachable" },
    });
    const res = await sendTraffic(f.router.url, 1000);
    expect(res.failures).toBe(0);
    expect(res.counts.challenger! / 1000).toBeGreaterThan(0.16);
    expect(res.counts.challenger! / 1000).toBeLessThan(0.24);
    // Back to a router that reports, for the tests that follow.
    await f.router.stop();
    f.router = await startRouter({
      dataDir: f.router.dataDir,
      token: f.router.token,
      env: {
        ROUTER_PORT: port,
        ROUTER_ADMIN_PORT: adminPort,
        SWITCHYARD_INGEST_URL: f.ingestUrl,
        ROUTER_REPORT_INTERVAL_MS: "300",
      },
    });
    await finish(id);
  });
});

describe("gates with real evidence", () => {
  it("a bad challenger (40 % errors on billing tickets) is rolled back by itself, with the evidence stored", async () => {
    const id = await newRollout(
      "canary",
      [{ kind: "set_weight", weight: 5000 }, { kind: "analysis" }, { kind: "set_weight", weight: 10_000 }],
      {},
      f.badVersionId,
    );
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    const r = await driveUntil(id, (s) => s !== "progressing");
    expect(`${r.status}: ${r.statusReason}`).toMatch(/^rolled_back/);
    expect(r.statusReason).toMatch(/error-rate/);
    // The rollout is over: the router serves the system's champion alone.
    expect((await served()).weights).toEqual({ champion: 10_000 });
    const fail = await t.db.analysisRun.findFirstOrThrow({ where: { rolloutId: id, verdict: "fail" } });
    expect(fail.gate).toBe("error-rate");
    expect(JSON.stringify(fail.evidence)).toMatch(/champion|challenger/);
    const auto = await t.db.rollbackRequest.findFirstOrThrow({ where: { rolloutId: id } });
    expect(auto.source).toBe("automatic");
    expect(auto.requestedById).toBeNull();
    await t.db.modelVersion.update({
      where: { id: f.badVersionId },
      data: { status: "registered", blockedReason: null },
    });
  });

  it("blue-green verifies the idle slot on header-only preview traffic, switches atomically, and switches back by rollback", async () => {
    const id = await newRollout("blue_green", [
      { kind: "analysis" },
      { kind: "switch", to: "challenger" },
      { kind: "pause" },
    ]);
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    expect((await served()).weights.champion).toBe(10_000);
    expect((await served()).weights.challenger ?? 0).toBe(0);
    // Preview: testers reach the idle slot with the override header; users don't.
    const preview = () =>
      Promise.all([
        sendTraffic(f.router.url, 150),
        sendTraffic(f.router.url, 150, { headers: { "x-switchyard-variant": "challenger" } }),
      ]);
    const users = await sendTraffic(f.router.url, 100);
    expect(users.counts).toEqual({ champion: 100 });
    await driveUntil(id, (_s, step) => step >= 2, preview);
    let r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
    const last = await t.db.analysisRun.findMany({ where: { rolloutId: id }, orderBy: { createdAt: "desc" }, take: 2 });
    expect(
      r.currentStepIndex,
      last.map((x) => `${x.gate} ${x.verdict}: ${(x.evidence as { reason?: string }).reason}`).join(" | "),
    ).toBeGreaterThanOrEqual(2);
    expect((await served()).weights).toEqual({ champion: 0, challenger: 10_000 });
    expect((await sendTraffic(f.router.url, 200)).counts).toEqual({ challenger: 200 });
    const back = await verbs.executeRollback(t.db, {
      ctx: f.rm,
      rolloutId: id,
      reason: "switch back to blue",
      source: "manual",
    });
    expect(back.weightsBefore).toEqual({ champion: 0, challenger: 10_000 });
    expect(back.weightsAfter).toEqual({ champion: 10_000, challenger: 0 });
    expect((await sendTraffic(f.router.url, 200)).counts).toEqual({ champion: 200 });
    r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
    expect(r.status).toBe("rolled_back");
    await t.db.modelVersion.update({
      where: { id: f.challengerVersionId },
      data: { status: "registered", blockedReason: null },
    });
  });

  it("shadow mirrors to the challenger, serves only the champion, and has 0 errors with the challenger down", async () => {
    const id = await newRollout("shadow", [{ kind: "mirror", sampleBasisPoints: 10_000 }, { kind: "analysis" }]);
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
    const cfg = (await (
      await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } })
    ).json()) as { mirror: { sampleBasisPoints: number } | null };
    expect(cfg.mirror?.sampleBasisPoints).toBe(10_000);
    await f.challenger.stop();
    const res = await sendTraffic(f.router.url, 300);
    expect(res.failures).toBe(0);
    expect(res.counts).toEqual({ champion: 300 });
    await finish(id);
  });
});
