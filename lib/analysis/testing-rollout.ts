// Seeds a rollout with everything analysis reads (system, versions, variants, steps, a router
// and an applied weight change), for integration tests, benchmarks and e2e factories. Relative
// imports only, so Playwright can load it too.
import crypto from "node:crypto";
import type { PrismaClient } from "../db/create-client";

export interface SeededRollout {
  rolloutId: string;
  systemId: string;
  routerId: string;
  weightChangeId: string;
  appliedAt: Date;
}

export interface SeedRolloutOptions {
  name?: string;
  strategy?: "canary" | "ab_test" | "champion_challenger" | "bandit" | "shadow";
  /** Default progressing; e2e uses paused so the running controller leaves the seeded rollout alone. */
  status?: "progressing" | "paused";
  challengers?: string[];
  weights?: Record<string, number>;
  gates?: unknown[];
  config?: Record<string, unknown>;
  /** When the current weights were applied on every router (default: an hour ago). */
  appliedAt?: Date;
  /** false: the router has not confirmed the latest config version yet. */
  applied?: boolean;
  startedAt?: Date;
  steps?: {
    kind: "set_weight" | "analysis" | "pause" | "experiment";
    params?: Record<string, unknown>;
    startedAt?: Date | null;
  }[];
}

export async function seedRollout(db: PrismaClient, opts: SeedRolloutOptions = {}): Promise<SeededRollout> {
  const tag = crypto.randomBytes(4).toString("hex");
  const challengers = opts.challengers ?? ["challenger"];
  const appliedAt = opts.appliedAt ?? new Date(Date.now() - 3_600_000);
  const weights =
    opts.weights ??
    Object.fromEntries([["champion", 9_000], ...challengers.map((c) => [c, Math.floor(1_000 / challengers.length)])]);
  const user = await db.user.create({
    data: { email: `analysis-${tag}@example.test`, name: `Analyst ${tag}`, role: "release_manager" },
  });
  const system = await db.system.create({ data: { slug: `sys-${tag}`, name: `System ${tag}`, mirrorSafeRoutes: [] } });
  const model = await db.model.create({ data: { systemId: system.id, name: `model-${tag}` } });
  const version = (v: string) =>
    db.modelVersion.create({
      data: {
        modelId: model.id,
        version: v,
        artifactUri: `s3://m/${v}`,
        digest: `sha256:${tag}${v}`,
        pipelineRunId: `run-${v}`,
      },
    });
  const champion = await version("1.0.0");
  const versions = await Promise.all(challengers.map((_, i) => version(`2.0.${i}`)));
  const rollout = await db.rollout.create({
    data: {
      systemId: system.id,
      name: opts.name ?? `Rollout ${tag}`,
      strategy: opts.strategy ?? "canary",
      status: opts.status ?? "progressing",
      authorId: user.id,
      config: (opts.config ?? {}) as object,
      gates: (opts.gates ?? []) as object[],
      planHash: `hash-${tag}`,
      salt: `salt-${tag}`,
      desiredWeights: weights,
      configVersion: 1,
      startedAt: opts.startedAt ?? appliedAt,
      stepStartedAt: appliedAt,
      currentStepIndex: 1,
      variants: {
        create: [
          { key: "champion", role: "champion", versionId: champion.id, upstreamUrl: "http://127.0.0.1:1" },
          ...challengers.map((key, i) => ({
            key,
            role: "challenger" as const,
            versionId: versions[i].id,
            upstreamUrl: "http://127.0.0.1:2",
          })),
        ],
      },
      steps: {
        create: (
          opts.steps ?? [
            { kind: "set_weight", params: { weight: weights[challengers[0]] }, startedAt: appliedAt },
            { kind: "analysis", params: {}, startedAt: appliedAt },
          ]
        ).map((s, index) => ({
          index,
          kind: s.kind,
          params: (s.params ?? {}) as object,
          status: s.startedAt ? "running" : "pending",
          startedAt: s.startedAt ?? null,
        })),
      },
    },
  });
  const applied = opts.applied ?? true;
  const router = await db.router.create({
    data: {
      systemId: system.id,
      name: `router-${tag}`,
      type: "builtin",
      endpoint: "http://127.0.0.1:3",
      desiredVersion: 1,
      appliedVersion: applied ? 1 : 0,
      health: "healthy",
    },
  });
  const change = await db.weightChange.create({
    data: {
      rolloutId: rollout.id,
      configVersion: 1,
      stepIndex: 0,
      weights,
      reason: "seeded",
      actor: "test",
      createdAt: appliedAt,
      applications: {
        create: { routerId: router.id, status: applied ? "applied" : "pending", appliedAt: applied ? appliedAt : null },
      },
    },
  });
  return { rolloutId: rollout.id, systemId: system.id, routerId: router.id, weightChangeId: change.id, appliedAt };
}
