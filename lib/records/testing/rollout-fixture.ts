// Test fixture: a system with two versions and a canary rollout (steps, variants, rollups), made
// through Prisma so record, export and status tests don't need the rollout verbs.
import crypto from "node:crypto";
import type { PrismaClient } from "../../db/create-client";
import { LATENCY_BUCKET_BOUNDS_MS } from "../../dataplane/latency-buckets";

export interface RolloutFixture {
  systemId: string;
  systemSlug: string;
  rolloutId: string;
  authorId: string;
}

const CANARY_STEPS: { kind: "set_phase" | "set_weight" | "analysis"; params: Record<string, unknown> }[] = [
  { kind: "set_phase", params: { phase: "internal" } },
  { kind: "set_weight", params: { weight: 100 } },
  { kind: "analysis", params: { gates: ["error-rate"] } },
  { kind: "set_weight", params: { weight: 1_000 } },
  { kind: "analysis", params: { gates: ["error-rate"] } },
  { kind: "set_weight", params: { weight: 5_000 } },
  { kind: "set_weight", params: { weight: 10_000 } },
];

/** A canary rollout started `startedMinutesAgo` ago whose first `stepsDone` steps ran one
 * minute each, with rollups for both variants in every minute that ran. */
export async function createRolloutFixture(
  db: PrismaClient,
  options: {
    slug?: string;
    name?: string;
    stepsDone?: number;
    startedMinutesAgo?: number;
    status?: "progressing" | "draft";
    authorEmail?: string;
    strategy?: "canary" | "direct";
  } = {},
): Promise<RolloutFixture> {
  const tag = crypto.randomBytes(3).toString("hex");
  const slug = options.slug ?? `fx-${tag}`;
  const author = options.authorEmail
    ? await db.user.upsert({
        where: { email: options.authorEmail },
        update: {},
        create: { email: options.authorEmail, name: "Fixture Author", role: "release_manager" },
      })
    : await db.user.create({
        data: { email: `author-${tag}@example.test`, name: `Author ${tag}`, role: "release_manager" },
      });
  const system =
    (await db.system.findUnique({ where: { slug } })) ??
    (await db.system.create({
      data: { slug, name: `Fixture ${slug}`, mirrorSafeRoutes: [], environments: { create: { name: "production" } } },
    }));
  const model = await db.model.upsert({
    where: { systemId_name: { systemId: system.id, name: "fx-model" } },
    update: {},
    create: { systemId: system.id, name: "fx-model" },
  });
  const version = (v: string) =>
    db.modelVersion.create({
      data: {
        modelId: model.id,
        version: `${v}-${tag}`,
        artifactUri: `s3://models/fx/${v}`,
        digest: `sha256:${"a".repeat(64)}`,
        pipelineRunId: `run-${tag}-${v}`,
      },
    });
  const [v1, v2] = [await version("1.0"), await version("1.1")];
  const startedMinutesAgo = options.startedMinutesAgo ?? 30;
  const stepsDone = options.stepsDone ?? 3;
  const t0 = new Date(Math.floor((Date.now() - startedMinutesAgo * 60_000) / 10_000) * 10_000);
  const at = (minute: number) => new Date(t0.getTime() + minute * 60_000);
  const started = options.status !== "draft";
  const steps: typeof CANARY_STEPS =
    options.strategy === "direct" ? [{ kind: "set_weight", params: { weight: 10_000 } }] : CANARY_STEPS;
  const rollout = await db.rollout.create({
    data: {
      systemId: system.id,
      name: options.name ?? `canary ${tag}`,
      strategy: options.strategy ?? "canary",
      status: started ? "progressing" : "draft",
      authorId: author.id,
      planHash: crypto.randomBytes(32).toString("hex"),
      salt: tag,
      startedAt: started ? t0 : null,
      variants: {
        create: [
          { key: "champion", role: "champion", versionId: v1.id, upstreamUrl: "http://127.0.0.1:1" },
          { key: "challenger", role: "challenger", versionId: v2.id, upstreamUrl: "http://127.0.0.1:2" },
        ],
      },
      steps: {
        create: steps.map((s, index) => ({
          index,
          kind: s.kind,
          params: s.params as object,
          status: started && index < stepsDone ? "completed" : started && index === stepsDone ? "running" : "pending",
          startedAt: started && index <= stepsDone ? at(index) : null,
          completedAt: started && index < stepsDone ? at(index + 1) : null,
        })),
      },
    },
  });
  if (started) {
    const rows = [];
    for (let minute = 0; minute <= stepsDone; minute++) {
      for (const variant of ["champion", "challenger"]) {
        const buckets = Array.from({ length: LATENCY_BUCKET_BOUNDS_MS.length + 1 }, () => 0n);
        buckets[5] = 90n; // ≤ 50 ms
        buckets[6] = variant === "challenger" ? 10n : 8n; // ≤ 100 ms
        rows.push({
          rolloutId: rollout.id,
          variant,
          bucketStart: new Date(at(minute).getTime() + 10_000),
          requests: 100n,
          errors: variant === "challenger" ? 2n : 1n,
          latencyBuckets: buckets,
          labelled: 50n,
          correct: variant === "challenger" ? 44n : 45n,
          latencySumMs: 4_000,
        });
      }
    }
    await db.metricRollup.createMany({ data: rows });
  }
  return { systemId: system.id, systemSlug: slug, rolloutId: rollout.id, authorId: author.id };
}
