// "In sync" is derived from router applications, never remembered (issue 11, item 2). Each path
// that can apply a config (a command's push, the controller's catch-up push, the rollout's own
// retry, the read-back after a stale version, "sync now") is driven after a failed push, and the
// rollout must leave "not in sync". Then the wedge seen in fault injection: the router down longer
// than the retry backoff during a weight push, with the controller loop running throughout; the
// rollout must recover by itself once the router is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, type EngineFixture } from "./testing/engine-fixture";
import { putConfig, startRouter } from "../dataplane/testing/processes";
import { systemContext } from "../permissions";
import type { RoutingConfig } from "../routers/types";

let t: TestDatabase;
let f: EngineFixture;
let verbs: typeof import("./testing/verbs");
let drive: typeof import("../controller/drive-rollout");
let push: typeof import("./push-routing");
let tick: typeof import("../controller/tick");
let sync: typeof import("../routers/sync-router");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("./testing/verbs");
  drive = await import("../controller/drive-rollout");
  push = await import("./push-routing");
  tick = await import("../controller/tick");
  sync = await import("../routers/sync-router");
  f = await startEngineFixture(t.db);
  await push.pushSystemRouting(t.db, { systemId: f.systemId });
});

afterAll(async () => {
  await f?.stop();
  await t?.drop();
});

const controller = systemContext("controller");

async function served() {
  const res = await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } });
  return (await res.json()) as RoutingConfig;
}

const inSync = async (id: string) => (await t.db.rollout.findUniqueOrThrow({ where: { id } })).inSync;

async function restartRouter() {
  f.router = await startRouter({
    dataDir: f.router.dataDir,
    token: f.router.token,
    env: {
      ROUTER_PORT: new URL(f.router.url).port,
      ROUTER_ADMIN_PORT: new URL(f.router.adminUrl).port,
      SWITCHYARD_INGEST_URL: f.ingestUrl,
      ROUTER_REPORT_INTERVAL_MS: "300",
    },
  });
}

/** A started canary whose next weight change failed to reach the (stopped) router. */
async function rolloutOutOfSync() {
  for (const left of await t.db.rollout.findMany({
    where: { systemId: f.systemId, status: { in: ["ready", "progressing", "paused"] } },
  }))
    await verbs.abortRollout({ ctx: f.rm, input: { rolloutId: left.id } });
  const created = await verbs.createRollout({
    ctx: f.rm,
    input: {
      system: f.systemSlug,
      name: `sync ${Date.now()}`,
      description: "",
      strategy: "canary",
      challengers: [{ versionId: f.challengerVersionId }],
      steps: [
        { kind: "set_weight", weight: 1000 },
        { kind: "pause" },
        { kind: "set_weight", weight: 5000 },
        { kind: "pause" },
        { kind: "set_weight", weight: 10_000 },
      ],
      config: {},
      gates: [],
    },
  });
  const id = created.id;
  await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: id } });
  await verbs.startRollout({ ctx: f.rm, input: { rolloutId: id } });
  for (let i = 0; i < 5 && (await served()).weights.challenger !== 1000; i++)
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
  expect(await inSync(id)).toBe(true);
  await f.router.stop();
  await verbs.advanceRollout({ ctx: f.rm, input: { rolloutId: id } });
  await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
  const r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
  expect(r.desiredWeights).toEqual({ champion: 5000, challenger: 5000 });
  expect(r.inSync).toBe(false);
  return id;
}

describe("sync state is derived from router applications", () => {
  it("a writer can't remember a stale flag: whatever is written is recomputed", async () => {
    const id = await rolloutOutOfSync();
    await t.db.rollout.update({ where: { id }, data: { inSync: true } });
    expect(await inSync(id)).toBe(false);
    await restartRouter();
    await push.pushSystemRouting(t.db, { systemId: f.systemId });
    expect(await inSync(id)).toBe(true);
    await t.db.rollout.update({ where: { id }, data: { inSync: false } });
    expect(await inSync(id)).toBe(true);
  });

  it("the controller's catch-up push (a router that missed a push) leaves not in sync", async () => {
    const id = await rolloutOutOfSync();
    await restartRouter();
    await push.pushRoutingToRouter(t.db, { routerId: f.routerId });
    expect(await inSync(id)).toBe(true);
    expect((await served()).weights).toEqual({ champion: 5000, challenger: 5000 });
  });

  it("the rollout's own retry (backoff due) leaves not in sync", async () => {
    const id = await rolloutOutOfSync();
    await restartRouter();
    await t.db.routerApplication.updateMany({
      where: { weightChange: { rolloutId: id } },
      data: { nextAttemptAt: new Date(0) },
    });
    await drive.driveRollout(t.db, { rolloutId: id, ctx: controller });
    expect(await inSync(id)).toBe(true);
  });

  it("the read-back after a stale version (the router serves a higher one) leaves not in sync", async () => {
    const id = await rolloutOutOfSync();
    await restartRouter();
    // The router's disk holds a higher version than the database counts (a restored backup, say).
    const now = await served();
    expect((await putConfig(f.router, { ...now, version: now.version + 50 })).status).toBe(200);
    const result = await push.pushRoutingToRouter(t.db, { routerId: f.routerId });
    expect(result.ok).toBe(true);
    expect(result.version).toBeGreaterThan(now.version + 50);
    expect(await inSync(id)).toBe(true);
  });

  it("“sync now” on the router leaves not in sync", async () => {
    const id = await rolloutOutOfSync();
    await restartRouter();
    const admin = { ...f.rm, actor: { ...f.rm.actor, role: "admin" as const } };
    const result = await sync.syncRouter({ ctx: admin, input: { routerId: f.routerId } });
    expect(result.ok).toBe(true);
    expect(await inSync(id)).toBe(true);
  });

  it("the wedge: router down longer than the retry backoff during a weight push; the controller recovers by itself", async () => {
    const id = await rolloutOutOfSync();
    const log = () => {};
    let stop = false;
    // The controller loop, as lib/controller/main.ts runs it, throughout the outage and after.
    const loop = (async () => {
      while (!stop) {
        await tick.controllerTick(t.db, { ctx: controller, epoch: 0, log });
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    try {
      // Down for 8 s: past the 0.5, 1, 2 and 5 s backoffs and the 5 s catch-up interval.
      await new Promise((r) => setTimeout(r, 8_000));
      const during = await t.db.routerApplication.findMany({ where: { weightChange: { rolloutId: id } } });
      expect(Math.max(...during.map((a) => a.attempts))).toBeGreaterThanOrEqual(3);
      expect(await inSync(id)).toBe(false);
      const back = Date.now();
      await restartRouter();
      let recovered = 0;
      while (Date.now() - back < 20_000) {
        if ((await inSync(id)) && (await served()).weights.challenger === 5000) {
          recovered = Date.now() - back;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered, "rollout still not in sync 20 s after the router came back").toBeGreaterThan(0);
      console.log(`router back → rollout in sync in ${recovered} ms`);
      const r = await t.db.rollout.findUniqueOrThrow({ where: { id } });
      expect(r.statusReason ?? "").not.toMatch(/recorded as applied/);
      // And it moves on: the next pause is reached (step 4), nothing skipped.
      const deadline = Date.now() + 10_000;
      while ((await t.db.rollout.findUniqueOrThrow({ where: { id } })).currentStepIndex < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect((await t.db.rollout.findUniqueOrThrow({ where: { id } })).currentStepIndex).toBe(3);
    } finally {
      stop = true;
      await loop;
    }
  }, 60_000);
});
