// Chaos: the leading controller is frozen (SIGSTOP) in the middle of a timed rollout, with its
// database connections left open. The lease is a row with a deadline, so the standby takes over
// once it runs out (within lease + 2 s), with a higher epoch; the rollout goes on. When the old
// leader is resumed (SIGCONT) it finds its lease gone: nothing it pushes is served (routers refuse
// its epoch) and it records no weight change. Real processes: two controllers, the built-in
// router, model servers, PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, type EngineFixture } from "../rollouts/testing/engine-fixture";
import { sleep, spawnTsx, until, type ChaosProcess } from "../testing/chaos";

const LEASE_SECONDS = 3;
let t: TestDatabase;
let f: EngineFixture;
let verbs: typeof import("../rollouts/testing/verbs");
const controllers: ChaosProcess[] = [];

function startController(id: string) {
  const c = spawnTsx(`controller-${id}`, "lib/controller/main.ts", {
    DATABASE_URL: t.url,
    CONTROLLER_ID: id,
    CONTROLLER_TICK_MS: "100",
    CONTROLLER_LEASE_SECONDS: String(LEASE_SECONDS),
    SWITCHYARD_SECRET_KEY: process.env.SWITCHYARD_SECRET_KEY,
  });
  controllers.push(c);
  return c;
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("../rollouts/testing/verbs");
  f = await startEngineFixture(t.db);
});

afterAll(async () => {
  await Promise.all(controllers.map((c) => c.stop(3_000)));
  await f?.stop();
  await t?.drop();
});

const lease = () => t.db.controllerLease.findUnique({ where: { name: "controller" } });
const served = async () =>
  (await (
    await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } })
  ).json()) as { epoch: number; version: number; weights: Record<string, number> };

it("a frozen leader loses the lease: the standby leads within lease + 2 s, the resumed old leader pushes nothing that is served", async () => {
  const a = startController("a");
  const first = await until("a to lead", async () => {
    const l = await lease();
    return l?.holderId === "a" ? l : null;
  });
  const b = startController("b");
  await sleep(1_000);
  expect((await lease())!.holderId).toBe("a");

  const steps = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 10_000].flatMap((weight, i, all) =>
    i < all.length - 1
      ? [
          { kind: "set_weight" as const, weight },
          { kind: "pause" as const, durationSeconds: 1 },
        ]
      : [{ kind: "set_weight" as const, weight }],
  );
  const created = await verbs.createRollout({
    ctx: f.rm,
    input: {
      system: f.systemSlug,
      name: "timed canary under a frozen leader",
      description: "",
      strategy: "canary",
      challengers: [{ versionId: f.challengerVersionId }],
      steps,
      config: {},
    },
  });
  await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  await until(
    "a to move the rollout on",
    async () => (await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } })).currentStepIndex >= 3,
  );

  a.signal("SIGSTOP");
  const frozenAt = Date.now();
  const second = await until(
    "b to lead",
    async () => {
      const l = await lease();
      return l?.holderId === "b" ? l : null;
    },
    (LEASE_SECONDS + 10) * 1000,
    50,
  );
  const takeoverMs = Date.now() - frozenAt;
  console.log(`standby led ${takeoverMs} ms after the leader froze (lease ${LEASE_SECONDS} s)`);
  expect(takeoverMs).toBeLessThanOrEqual((LEASE_SECONDS + 2) * 1000);
  expect(Number(second.epoch)).toBeGreaterThan(Number(first.epoch));
  await until("the router to serve b's epoch", async () => (await served()).epoch === Number(second.epoch), 5_000);

  // The old leader comes back while the rollout is still going: it must not be served.
  const stepAtResume = (await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } })).currentStepIndex;
  expect(stepAtResume).toBeLessThan(steps.length);
  a.signal("SIGCONT");
  const resumedAt = new Date();
  const epochs = new Set<number>();
  const watchUntil = Date.now() + 4_000;
  while (Date.now() < watchUntil) {
    epochs.add((await served()).epoch);
    await sleep(25);
  }
  expect([...epochs]).toEqual([Number(second.epoch)]);
  await until("a to notice it lost the lease", () => a.logs.some((l) => l.includes("lost leadership")), 10_000);
  expect((await lease())!.holderId).toBe("b");
  const staleWrites = await t.db.weightChange.count({
    where: { rolloutId: created.id, epoch: first.epoch, createdAt: { gte: resumedAt } },
  });
  expect(staleWrites).toBe(0);

  // b finishes the rollout: every step once, weights only ever rise.
  const done = await until(
    "completion",
    async () => {
      const r = await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } });
      return r.status === "completed" ? r : null;
    },
    60_000,
  );
  expect(done.status).toBe("completed");
  const changes = await t.db.weightChange.findMany({
    where: { rolloutId: created.id },
    orderBy: { configVersion: "asc" },
  });
  const challenger = changes.map((c) => (c.weights as Record<string, number>).challenger ?? 0);
  expect(challenger).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 10_000]);
  const starts = await t.db.auditEvent.findMany({ where: { entityId: created.id, action: "rollout.step_start" } });
  const indices = starts.map((e) => (e.after as { stepIndex: number }).stepIndex).sort((x, y) => x - y);
  expect(indices).toEqual(steps.map((_, i) => i));
  void b;
});
