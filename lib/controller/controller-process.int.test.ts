// The controller as a real process: it drives timed steps by itself, a SIGKILL mid-rollout loses
// nothing (the restarted leader resumes: no step skipped, none applied twice), leadership moves
// to a standby with a higher epoch, and the router refuses the deposed leader's epoch.
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, sendTraffic, type EngineFixture } from "../rollouts/testing/engine-fixture";
import { putConfig } from "../dataplane/testing/processes";

let t: TestDatabase;
let f: EngineFixture;
let verbs: typeof import("../rollouts/testing/verbs");
const controllers: ChildProcess[] = [];

function startController(id: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.resolve("lib/controller/main.ts")],
    {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        CONTROLLER_ID: id,
        CONTROLLER_TICK_MS: "200",
        SWITCHYARD_SECRET_KEY: process.env.SWITCHYARD_SECRET_KEY,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", () => {});
  child.stderr!.on("data", () => {});
  controllers.push(child);
  return child;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("../rollouts/testing/verbs");
  f = await startEngineFixture(t.db);
});

afterAll(async () => {
  for (const c of controllers) c.kill("SIGKILL");
  await f?.stop();
  await t?.drop();
});

it("a controller killed with SIGKILL mid-rollout is replaced and the rollout finishes with every step once", async () => {
  const first = startController("first");
  const lease1 = await until("first leader", () => t.db.controllerLease.findUnique({ where: { name: "controller" } }));
  expect(lease1.holderId).toBe("first");

  const created = await verbs.createRollout({
    ctx: f.rm,
    input: {
      system: f.systemSlug,
      name: "timed canary",
      description: "",
      strategy: "canary",
      challengers: [{ versionId: f.challengerVersionId }],
      steps: [
        { kind: "set_weight", weight: 1000 },
        { kind: "pause", durationSeconds: 2 },
        { kind: "set_weight", weight: 3000 },
        { kind: "pause", durationSeconds: 2 },
        { kind: "set_weight", weight: 6000 },
        { kind: "pause", durationSeconds: 2 },
        { kind: "set_weight", weight: 10_000 },
      ],
      config: {},
    },
  });
  await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });

  // The controller alone moves the timed steps; kill it in the middle of the plan.
  await until(
    "step 3",
    async () => (await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } })).currentStepIndex >= 3,
  );
  first.kill("SIGKILL");
  const second = startController("second");
  const lease2 = await until("second leader", async () => {
    const l = await t.db.controllerLease.findUnique({ where: { name: "controller" } });
    return l && l.holderId === "second" ? l : null;
  });
  expect(Number(lease2.epoch)).toBeGreaterThan(Number(lease1.epoch));

  const done = await until(
    "completion",
    async () => {
      const r = await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } });
      return r.status === "completed" ? r : null;
    },
    45_000,
  );
  expect(done.currentStepIndex).toBe(7);
  const changes = await t.db.weightChange.findMany({
    where: { rolloutId: created.id },
    orderBy: { configVersion: "asc" },
  });
  expect(changes.map((c) => (c.weights as Record<string, number>).challenger ?? 0)).toEqual([
    0, 1000, 3000, 6000, 10_000,
  ]);
  const starts = await t.db.auditEvent.findMany({ where: { entityId: created.id, action: "rollout.step_start" } });
  expect(starts.map((e) => (e.after as { stepIndex: number }).stepIndex).sort((a, b) => a - b)).toEqual([
    0, 1, 2, 3, 4, 5, 6,
  ]);
  expect(starts.every((e) => e.actorLabel === "system:controller" || e.actorType === "user")).toBe(true);
  expect((await sendTraffic(f.router.url, 100)).counts).toEqual({ champion: 100 });

  // The deposed leader's epoch is refused by the router.
  const served = (await (
    await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } })
  ).json()) as Record<string, unknown>;
  const stale = await putConfig(f.router, {
    ...(served as object),
    version: Number(served.version) + 1,
    epoch: Number(lease1.epoch),
  } as never);
  expect(stale.status).toBe(409);
  expect(stale.body.code).toBe("stale_epoch");
  second.kill("SIGTERM");
});

it("only one controller leads at a time", async () => {
  const a = startController("a");
  const b = startController("b");
  const lease = await until("a leader", async () => {
    const l = await t.db.controllerLease.findUnique({ where: { name: "controller" } });
    return l && ["a", "b"].includes(l.holderId) ? l : null;
  });
  await new Promise((r) => setTimeout(r, 1500));
  const again = await t.db.controllerLease.findUniqueOrThrow({ where: { name: "controller" } });
  expect(again.holderId).toBe(lease.holderId);
  expect(again.epoch).toBe(lease.epoch);
  a.kill("SIGKILL");
  b.kill("SIGKILL");
});
