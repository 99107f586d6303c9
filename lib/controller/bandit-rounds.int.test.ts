// A bandit round happens once: however many drivers (controller ticks, a standby, a web command)
// reach the same round, one bandit_rounds row and one reallocation are recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, type EngineFixture } from "../rollouts/testing/engine-fixture";
import { systemContext } from "../permissions";

let t: TestDatabase;
let f: EngineFixture;
let verbs: typeof import("../rollouts/testing/verbs");
let drive: typeof import("./drive-rollout");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("../rollouts/testing/verbs");
  drive = await import("./drive-rollout");
  f = await startEngineFixture(t.db);
});

afterAll(async () => {
  await f?.stop();
  await t?.drop();
});

describe("bandit rounds", () => {
  it("each round is recorded once, also when several drivers reach it at the same time", async () => {
    const created = await verbs.createRollout({
      ctx: f.rm,
      input: {
        system: f.systemSlug,
        name: `bandit ${Date.now()}`,
        description: "",
        strategy: "bandit",
        challengers: [{ versionId: f.challengerVersionId }],
        config: { rewardMetric: "conversion", reallocationIntervalSeconds: 1, durationSeconds: 3600 },
      },
    });
    await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    const started = await t.db.rollout.findUniqueOrThrow({ where: { id: created.id } });
    expect(started.status).toBe("progressing");
    expect(started.stepStartedAt).not.toBeNull();

    // 2.5 s into the experiment step: round 2 is due.
    const at = new Date(started.stepStartedAt!.getTime() + 2_500);
    const controller = systemContext("controller");
    const standby = systemContext("controller-standby");
    await Promise.all([
      drive.driveRollout(t.db, { rolloutId: created.id, ctx: controller, now: () => at }),
      drive.driveRollout(t.db, { rolloutId: created.id, ctx: standby, now: () => at }),
    ]);
    await drive.driveRollout(t.db, { rolloutId: created.id, ctx: controller, now: () => at });

    const rounds = await t.db.banditRound.findMany({ where: { rolloutId: created.id } });
    expect(rounds.map((r) => [r.stepIndex, r.round])).toEqual([[0, 2]]);
    const reallocations = await t.db.auditEvent.findMany({
      where: { action: "rollout.reallocate", entityId: created.id },
    });
    expect(reallocations).toHaveLength(1);

    // The next round is a new round.
    const later = new Date(at.getTime() + 1_000);
    await drive.driveRollout(t.db, { rolloutId: created.id, ctx: controller, now: () => later });
    expect(await t.db.banditRound.count({ where: { rolloutId: created.id } })).toBe(2);

    await verbs.abortRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  });
});
