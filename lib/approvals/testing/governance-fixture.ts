// Rows for governance integration tests: people in every role, a system with champion and
// challenger versions, and a rollout in the status the test needs, with its checklist.
import crypto from "node:crypto";
import type { PrismaClient } from "../../db/create-client";
import type { ServiceContext, Role } from "../../permissions";
import type { PlanStep, RolloutStatus } from "../../strategies/plan";
import { planHash } from "../../rollouts/plan-hash";
import { isActive } from "../../rollouts/state-machine";
import { jsonColumn } from "../../db/json-column";
import { createRolloutChecklist } from "../../checklists/create-rollout-checklist";

export interface People {
  author: { id: string; ctx: ServiceContext };
  release2: { id: string; ctx: ServiceContext };
  approver1: { id: string; ctx: ServiceContext };
  approver2: { id: string; ctx: ServiceContext };
  viewer: { id: string; ctx: ServiceContext };
  admin: { id: string; ctx: ServiceContext };
}

export async function createPeople(db: PrismaClient): Promise<People> {
  const make = async (name: string, role: Role) => {
    const user = await db.user.create({
      data: { email: `${name.toLowerCase().replace(/ /g, ".")}-${rand()}@test.local`, name, role },
    });
    const ctx: ServiceContext = {
      actor: { type: "user", id: user.id, role, label: `${name} <${user.email}>` },
      requestId: `t-${rand()}`,
    };
    return { id: user.id, ctx };
  };
  return {
    author: await make("Rick Release", "release_manager"),
    release2: await make("Rosa Release", "release_manager"),
    approver1: await make("Alan Approver", "approver"),
    approver2: await make("Amy Approver", "approver"),
    viewer: await make("Val Viewer", "viewer"),
    admin: await make("Ada Admin", "admin"),
  };
}

export interface RolloutFixture {
  rolloutId: string;
  systemId: string;
  championVersionId: string;
  challengerVersionId: string;
  planHash: string;
}

export async function createRolloutFixture(
  db: PrismaClient,
  people: People,
  options: {
    status?: RolloutStatus;
    requiredApprovals?: number;
    challengerMetrics?: Record<string, number>;
    upstreams?: { champion: string; challenger: string };
  } = {},
): Promise<RolloutFixture> {
  const slug = `sys-${rand()}`;
  const system = await db.system.create({
    data: { slug, name: `System ${slug}`, requiredApprovals: options.requiredApprovals ?? 2, mirrorSafeRoutes: [] },
  });
  const model = await db.model.create({ data: { systemId: system.id, name: "clf" } });
  const version = (v: string, offlineMetrics: Record<string, number>) =>
    db.modelVersion.create({
      data: {
        modelId: model.id,
        version: v,
        artifactUri: `s3://m/${v}`,
        digest: `sha256:${"a".repeat(64)}`,
        pipelineRunId: `run-${v}`,
        offlineMetrics,
      },
    });
  const champion = await version("1.0.0", { accuracy: 0.9, p95_latency_ms: 40 });
  const challenger = await version("1.1.0", options.challengerMetrics ?? { accuracy: 0.92, p95_latency_ms: 41 });
  await db.system.update({ where: { id: system.id }, data: { championVersionId: champion.id } });
  const steps: PlanStep[] = [
    { kind: "set_weight", weight: 1000 },
    { kind: "pause", durationSeconds: 60 },
    { kind: "set_weight", weight: 10_000 },
  ];
  const variants = [
    { key: "champion", role: "champion" as const },
    { key: "challenger", role: "challenger" as const },
  ];
  const hash = planHash({ strategy: "canary", steps, config: {}, gates: [], variants });
  const status = options.status ?? "awaiting_approval";
  const live = isActive(status);
  const rollout = await db.rollout.create({
    data: {
      systemId: system.id,
      name: `Canary ${rand()}`,
      strategy: "canary",
      status,
      authorId: people.author.id,
      planHash: hash,
      salt: rand(),
      desiredWeights: live ? { champion: 9000, challenger: 1000 } : { champion: 10_000 },
      startedAt: live ? new Date(Date.now() - 600_000) : null,
      variants: {
        create: [
          {
            key: "champion",
            role: "champion",
            versionId: champion.id,
            upstreamUrl: options.upstreams?.champion ?? "http://127.0.0.1:9/champion",
          },
          {
            key: "challenger",
            role: "challenger",
            versionId: challenger.id,
            upstreamUrl: options.upstreams?.challenger ?? "http://127.0.0.1:9/challenger",
          },
        ],
      },
      steps: { create: steps.map(({ kind, ...params }, index) => ({ index, kind, params: jsonColumn(params) })) },
    },
  });
  await db.$transaction((tx) => createRolloutChecklist(tx, { rolloutId: rollout.id, systemId: system.id }));
  return {
    rolloutId: rollout.id,
    systemId: system.id,
    championVersionId: champion.id,
    challengerVersionId: challenger.id,
    planHash: hash,
  };
}

/** Signs every required manual item and marks system items verified, as people and checks would. */
export async function completeChecklist(db: PrismaClient, rolloutId: string, signerId: string) {
  await db.checklistItem.updateMany({
    where: { rolloutId, verification: "manual" },
    data: { status: "signed", signedById: signerId, signedAt: new Date(), note: "checked" },
  });
  await db.checklistItem.updateMany({
    where: { rolloutId, verification: { not: "manual" } },
    data: { status: "verified", signedAt: new Date() },
  });
}

export function rand() {
  return crypto.randomBytes(4).toString("hex");
}
