import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { createPeople, type People } from "../approvals/testing/governance-fixture";
import { rolloutSpecSchema, type RolloutSpecInput } from "./rollout-spec";

vi.mock("server-only", () => ({}));

const { applyRolloutSpec } = await import("./apply-rollout-spec");
const { approveRollout } = await import("../approvals/approve-rollout");
const { getStartBlockers } = await import("../approvals/start-blockers");

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

/** A system serving 1.0.0 from slot blue, with 1.1.0 registered and running in slot green. */
async function system(requiredApprovals = 1) {
  const slug = `sys-${crypto.randomBytes(3).toString("hex")}`;
  const sys = await t.db.system.create({
    data: {
      slug,
      name: `System ${slug}`,
      requiredApprovals,
      mirrorSafeRoutes: [],
      environments: { create: { name: "production" } },
    },
    include: { environments: true },
  });
  const model = await t.db.model.create({ data: { systemId: sys.id, name: "clf" } });
  const version = (v: string) =>
    t.db.modelVersion.create({
      data: {
        modelId: model.id,
        version: v,
        artifactUri: `s3://m/${v}`,
        digest: `sha256:${"b".repeat(64)}`,
        pipelineRunId: `run-${v}`,
      },
    });
  const champion = await version("1.0.0");
  const challenger = await version("1.1.0");
  await t.db.system.update({ where: { id: sys.id }, data: { championVersionId: champion.id } });
  const env = sys.environments[0]!.id;
  await t.db.slot.create({
    data: { environmentId: env, name: "blue", upstreamUrl: "http://127.0.0.1:9", versionId: champion.id },
  });
  await t.db.slot.create({
    data: { environmentId: env, name: "green", upstreamUrl: "http://127.0.0.1:10", versionId: challenger.id },
  });
  return { slug, id: sys.id, challengerId: challenger.id };
}

const specFor = (slug: string, over: Partial<RolloutSpecInput["spec"]> = {}) =>
  rolloutSpecSchema.parse({
    apiVersion: "switchyard.dev/v1",
    kind: "Rollout",
    metadata: { name: "clf 1.1.0", description: "as code" },
    spec: {
      system: slug,
      strategy: "canary",
      challengers: [{ version: "1.1.0", slot: "green" }],
      plan: [{ setWeight: 10 }, { pause: "1m" }, { setWeight: 100 }],
      gates: [{ name: "critical-errors", metric: "critical_errors", max: 0 }],
      ...over,
    },
  } satisfies RolloutSpecInput);

const events = (entityId: string) => t.db.auditEvent.count({ where: { entityId } });

describe("applyRolloutSpec", () => {
  it("creates and submits the rollout, recording the spec and its hash; the same spec again changes nothing", async () => {
    const s = await system();
    const spec = specFor(s.slug);
    const first = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec } });
    expect(first).toMatchObject({ action: "created", rollout: { status: "awaiting_approval" } });
    const row = await t.db.rollout.findUniqueOrThrow({
      where: { id: first.rollout!.id },
      include: { steps: true, variants: true },
    });
    expect(row.specHash).toBe(first.specHash);
    expect((row.spec as { metadata: { name: string } }).metadata.name).toBe("clf 1.1.0");
    expect(row.steps.map((x) => x.kind)).toEqual(["set_weight", "pause", "set_weight"]);
    expect(row.variants.find((v) => v.role === "challenger")).toMatchObject({
      versionId: s.challengerId,
      upstreamUrl: "http://127.0.0.1:10",
    });
    expect(row.authorId).toBe(people.author.id);

    const before = await events(row.id);
    const again = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec } });
    expect(again).toMatchObject({ action: "unchanged", changes: [], rollout: { id: row.id } });
    expect(await events(row.id)).toBe(before);
    expect(await t.db.rollout.count({ where: { systemId: s.id } })).toBe(1);
  });

  it("diff says what would change and writes nothing; apply then edits the plan, voids approvals and resubmits", async () => {
    const s = await system();
    const created = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec: specFor(s.slug) } });
    const id = created.rollout!.id;
    await approveRollout({
      ctx: people.approver1.ctx,
      input: { rolloutId: id, planHash: created.rollout!.planHash, comment: "" },
    });

    const changed = specFor(s.slug, {
      plan: [{ setWeight: 10 }, { pause: "5m" }, { setWeight: 100 }],
      approvals: { required: 2 },
    });
    const diff = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec: changed, dryRun: true } });
    expect(diff.action).toBe("update");
    expect(diff.changes).toEqual([
      { field: "plan[1]", op: "change", before: { pause: "1m" }, after: { pause: "5m" } },
      { field: "approvals.required", op: "change", before: 1, after: 2 },
    ]);
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id } })).planHash).toBe(created.rollout!.planHash);
    expect(await t.db.approval.count({ where: { rolloutId: id, voidedAt: null } })).toBe(1);

    const applied = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec: changed } });
    expect(applied).toMatchObject({
      action: "updated",
      voidedApprovals: 1,
      rollout: { id, status: "awaiting_approval" },
    });
    expect(applied.rollout!.planHash).not.toBe(created.rollout!.planHash);
    const blockers = await getStartBlockers(t.db, id);
    expect(blockers.join(" ")).toMatch(/0 of 2 required approvals/);
    const audit = await t.db.auditEvent.findFirst({ where: { entityId: id, action: "rollout.apply" } });
    expect(audit?.meta).toMatchObject({ specHash: applied.specHash });
  });

  it("never changes a running rollout, and creates a new one once the last has ended", async () => {
    const s = await system();
    const created = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec: specFor(s.slug) } });
    await t.db.rollout.update({ where: { id: created.rollout!.id }, data: { status: "progressing" } });
    const changed = specFor(s.slug, { plan: [{ setWeight: 20 }, { setWeight: 100 }] });
    await expect(applyRolloutSpec({ ctx: people.author.ctx, input: { spec: changed } })).rejects.toThrow(
      /running rollout's plan doesn't change/,
    );
    await t.db.rollout.update({ where: { id: created.rollout!.id }, data: { status: "completed" } });
    const next = await applyRolloutSpec({ ctx: people.author.ctx, input: { spec: changed } });
    expect(next.action).toBe("created");
    expect(next.rollout!.id).not.toBe(created.rollout!.id);
  });

  it("refuses a spec the system can't satisfy, naming the field, and a role that can't write rollouts", async () => {
    const s = await system(2);
    await expect(
      applyRolloutSpec({ ctx: people.author.ctx, input: { spec: specFor(s.slug, { approvals: { required: 1 } }) } }),
    ).rejects.toMatchObject({ invalidParams: [{ name: "spec.approvals.required" }] });
    await expect(
      applyRolloutSpec({
        ctx: people.author.ctx,
        input: { spec: specFor(s.slug, { challengers: [{ version: "9.9.9", slot: "green" }] }) },
      }),
    ).rejects.toMatchObject({ invalidParams: [{ name: "spec.challengers.0.version" }] });
    await expect(applyRolloutSpec({ ctx: people.approver1.ctx, input: { spec: specFor(s.slug) } })).rejects.toThrow(
      /rollouts\.write/,
    );
  });
});
