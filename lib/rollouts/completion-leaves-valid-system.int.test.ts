// Every completion leaves a system that can roll out again (issue 11, item 3): for each way a
// challenger can be given (a bare upstream URL, a registered slot, a blue-green idle slot, one of
// several challengers), promote it to the end, then check the new champion runs in a slot, the
// router serves it alone, the promoted rollout's steps are all closed, and a second rollout
// started right after is served by the router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { startEngineFixture, sendTraffic, type EngineFixture } from "./testing/engine-fixture";
import { startModelServer, type ModelServerProcess } from "../dataplane/testing/processes";
import { systemContext } from "../permissions";
import type { CreateRolloutInput } from "./schemas";

let t: TestDatabase;
let f: EngineFixture;
const extra: ModelServerProcess[] = [];
let verbs: typeof import("./testing/verbs");
let drive: typeof import("../controller/drive-rollout");
let routing: typeof import("./build-routing-config");

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  (globalThis as { switchyardDb?: unknown }).switchyardDb = t.db;
  verbs = await import("./testing/verbs");
  drive = await import("../controller/drive-rollout");
  routing = await import("./build-routing-config");
  f = await startEngineFixture(t.db);
  await (await import("./push-routing")).pushSystemRouting(t.db, { systemId: f.systemId });
});

afterAll(async () => {
  await Promise.all(extra.map((s) => s.stop()));
  await f?.stop();
  await t?.drop();
});

const controller = systemContext("controller");

async function served() {
  const res = await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } });
  return (await res.json()) as {
    version: number;
    weights: Record<string, number>;
    variants: { key: string; upstream: string; version: string }[];
  };
}

/** Plays the controller until `done` holds (or 30 s). */
async function driveUntil(rolloutId: string, done: (status: string) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await drive.driveRollout(t.db, { rolloutId, ctx: controller });
    const r = await t.db.rollout.findUniqueOrThrow({ where: { id: rolloutId } });
    if (done(r.status)) return r;
    if (Date.now() > deadline) throw new Error(`rollout still ${r.status}: ${r.statusReason}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

async function version(v: string) {
  const model = await t.db.model.findFirstOrThrow({ where: { systemId: f.systemId } });
  return t.db.modelVersion.create({
    data: {
      modelId: model.id,
      version: v,
      artifactUri: `s3://m/${v}`,
      digest: `sha256:${v}`,
      pipelineRunId: `run-${v}`,
    },
  });
}

async function server(v: string) {
  const s = await startModelServer([`--version=${v}`]);
  extra.push(s);
  return s;
}

async function createStarted(input: Omit<CreateRolloutInput, "system" | "description" | "name">) {
  const created = await verbs.createRollout({
    ctx: f.rm,
    input: { system: f.systemSlug, name: `${input.strategy} ${Date.now()}`, description: "", ...input },
  });
  await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });
  await driveUntil(created.id, (s) => s === "progressing");
  return created.id;
}

/** Promotes to the end and checks what the completion left behind. */
async function promoteAndCheck(rolloutId: string, winner: { versionId: string; url: string }) {
  await verbs.promoteRollout({ ctx: f.rm, input: { rolloutId } });
  const done = await driveUntil(rolloutId, (s) => s === "completed");
  expect(done.inSync).toBe(true);
  const system = await t.db.system.findUniqueOrThrow({ where: { id: f.systemId } });
  expect(system.championVersionId).toBe(winner.versionId);
  // The new champion runs in a slot, at the endpoint that served it during the rollout.
  const seats = await t.db.slot.findMany({ where: { versionId: winner.versionId } });
  expect(seats.map((s) => s.upstreamUrl)).toContain(winner.url);
  // The system's routing is buildable and served: the champion alone, from the winner's endpoint.
  const built = await routing.buildRoutingConfig(t.db, { systemId: f.systemId });
  expect(built.config.variants).toHaveLength(1);
  const now = await served();
  expect(now.weights).toEqual({ champion: 10_000 });
  expect(now.variants.map((v) => v.upstream)).toEqual([winner.url]);
  const traffic = await sendTraffic(f.router.url, 100);
  expect(traffic.failures).toBe(0);
  expect(traffic.counts).toEqual({ champion: 100 });
  // Item 8: a promoted rollout runs no more steps; nothing is left pending or running.
  const open = await t.db.planStep.count({ where: { rolloutId, status: { in: ["pending", "running"] } } });
  expect(open).toBe(0);
  const router = await t.db.router.findUniqueOrThrow({ where: { id: f.routerId } });
  expect(router.health).toBe("healthy");
}

/** A second rollout right after: it is created, starts and the router serves its canary weights. */
async function secondRolloutIsServed(challengerVersionId: string) {
  const id = await createStarted({
    strategy: "canary",
    challengers: [{ versionId: challengerVersionId }],
    steps: [{ kind: "set_weight", weight: 5000 }, { kind: "pause" }, { kind: "set_weight", weight: 10_000 }],
    config: {},
    gates: [],
  });
  await driveUntil(id, () => true);
  expect((await served()).weights).toEqual({ champion: 5000, challenger: 5000 });
  const traffic = await sendTraffic(f.router.url, 400);
  expect(traffic.failures).toBe(0);
  expect(traffic.counts.champion).toBeGreaterThan(100);
  expect(traffic.counts.challenger).toBeGreaterThan(100);
  await verbs.abortRollout({ ctx: f.rm, input: { rolloutId: id, reason: "second rollout checked" } });
  await driveUntil(id, (s) => s === "aborted");
  expect((await served()).weights).toEqual({ champion: 10_000 });
  // Item 8 for aborts: the steps it never reached are closed as skipped.
  const steps = await t.db.planStep.findMany({ where: { rolloutId: id }, orderBy: { index: "asc" } });
  expect(steps.map((s) => s.status)).not.toContain("pending");
  expect(steps.map((s) => s.status)).not.toContain("running");
  expect(steps.at(-1)!.status).toBe("skipped");
}

describe("every completion leaves a system that can roll out again", () => {
  it("a challenger given by upstream URL (no slot) is seated in a new slot when promoted", async () => {
    const v2 = await version("2.0.0");
    const s2 = await server("2.0.0");
    const id = await createStarted({
      strategy: "canary",
      challengers: [{ versionId: v2.id, upstreamUrl: s2.url }],
      steps: [{ kind: "set_weight", weight: 1000 }, { kind: "pause" }, { kind: "set_weight", weight: 10_000 }],
      config: {},
      gates: [],
    });
    await promoteAndCheck(id, { versionId: v2.id, url: s2.url });
    const seat = await t.db.slot.findFirstOrThrow({ where: { versionId: v2.id } });
    expect(seat.name).toBe("2.0.0");
    await secondRolloutIsServed(f.challengerVersionId);
  });

  it("a challenger given by its registered slot stays in that slot as champion", async () => {
    const green = await t.db.slot.findFirstOrThrow({ where: { name: "green", environment: { systemId: f.systemId } } });
    const id = await createStarted({
      strategy: "canary",
      challengers: [{ versionId: f.challengerVersionId, slotId: green.id }],
      steps: [{ kind: "set_weight", weight: 1000 }, { kind: "pause" }, { kind: "set_weight", weight: 10_000 }],
      config: {},
      gates: [],
    });
    await promoteAndCheck(id, { versionId: f.challengerVersionId, url: green.upstreamUrl });
    await secondRolloutIsServed(f.championVersionId);
  });

  it("a blue-green switch to the idle slot leaves that slot serving the new champion, the old one warm", async () => {
    // The idle slot (blue, 1.4.0 until now) gets 3.0.0 deployed into it.
    const blue = await t.db.slot.findFirstOrThrow({ where: { name: "blue", environment: { systemId: f.systemId } } });
    const v3 = await version("3.0.0");
    const id = await createStarted({
      strategy: "blue_green",
      challengers: [{ versionId: v3.id, slotId: blue.id }],
      steps: [{ kind: "analysis" }, { kind: "switch", to: "challenger" }, { kind: "pause" }],
      config: {},
      gates: [],
    });
    await promoteAndCheck(id, { versionId: v3.id, url: blue.upstreamUrl });
    expect((await t.db.slot.findUniqueOrThrow({ where: { id: blue.id } })).versionId).toBe(v3.id);
    const green = await t.db.slot.findFirstOrThrow({ where: { name: "green", environment: { systemId: f.systemId } } });
    expect(green.warmUntil!.getTime()).toBeGreaterThan(Date.now());
    await secondRolloutIsServed(f.challengerVersionId);
  });

  it("the winner among several challengers (one by URL) is seated and serves alone", async () => {
    const v4 = await version("4.0.0");
    const s4 = await server("4.0.0");
    const id = await createStarted({
      strategy: "ab_test",
      challengers: [{ versionId: f.challengerVersionId }, { versionId: v4.id, upstreamUrl: s4.url }],
      config: {
        winner: "challenger-2",
        stickiness: { header: "x-user-id" },
        split: { champion: 3400, "challenger-1": 3300, "challenger-2": 3300 },
      },
      gates: [],
    });
    await promoteAndCheck(id, { versionId: v4.id, url: s4.url });
    await secondRolloutIsServed(f.challengerVersionId);
  });
});
