// Demo data: accounts for every role, a demo API token, the seed-003 checklist template, and two
// systems with registered versions, slots and a built-in router. Idempotent: it seeds an empty
// database once and leaves a seeded one alone.
import crypto from "node:crypto";
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { hashPassword } from "../lib/auth/password";
import { hashApiToken } from "../lib/auth/api-token";
import { writeAuditEvent } from "../lib/audit/write-audit-event";
import { encryptSecret } from "../lib/crypto/secret-box";
import { systemContext } from "../lib/permissions";
import {
  DEFAULT_CHECKLIST,
  DEMO_API_TOKEN,
  DEMO_PASSWORD,
  DEMO_ROLLOUT_TEMPLATE,
  DEMO_USERS,
  demoPorts,
  type DEMO_PORTS,
} from "../lib/demo/demo-data";

export async function seed(
  db: PrismaClient,
  options: { ports?: Partial<typeof DEMO_PORTS>; routerToken?: string } = {},
): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const ports = { ...demoPorts(), ...options.ports };
  const ctx = systemContext("seed");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      const users = [];
      for (const u of DEMO_USERS) users.push(await tx.user.create({ data: { ...u, passwordHash } }));
      const token = await tx.apiToken.create({
        data: {
          name: "demo pipeline",
          prefix: DEMO_API_TOKEN.split("_")[1]!,
          tokenHash: hashApiToken(DEMO_API_TOKEN),
          role: "release_manager",
          scopes: ["*"],
          // A token acts with its creator's role: the demo pipeline's is a release manager's.
          createdById: users.find((u) => u.role === "release_manager")!.id,
        },
      });
      const template = await tx.checklistTemplate.create({
        data: {
          name: "Pre-deployment checklist",
          isDefault: true,
          items: {
            create: DEFAULT_CHECKLIST.flatMap((s, si) =>
              s.items.map((item, ii) => ({
                section: s.section,
                label: item.label,
                required: item.required ?? true,
                verification: item.verification ?? "manual",
                position: si * 100 + ii,
              })),
            ),
          },
        },
      });

      const tickets = await tx.system.create({
        data: {
          slug: "ticket-classifier",
          name: "Support Ticket Classifier",
          description: "Routes incoming support tickets (billing, technical, account) to the right queue.",
          requiredApprovals: 1,
          mirrorSafeRoutes: ["/predict"],
          rolloutTemplate: DEMO_ROLLOUT_TEMPLATE,
          checklistTemplateId: template.id,
          environments: { create: { name: "production" } },
        },
        include: { environments: true },
      });
      const ticketModel = await tx.model.create({
        data: { systemId: tickets.id, name: "ticket-router", description: "Gradient-boosted text classifier" },
      });
      const v140 = await tx.modelVersion.create({
        data: {
          modelId: ticketModel.id,
          version: "1.4.0",
          artifactUri: "s3://models/ticket-router/1.4.0/model.onnx",
          digest: `sha256:${sha("ticket-router-1.4.0")}`,
          pipelineRunId: "train-2026-10-02-0412",
          pipelineRunUrl: "https://ci.example.com/pipelines/train/runs/412",
          sourceCommit: "8a51a7b60c71",
          offlineMetrics: { accuracy: 0.912, f1: 0.897, p95_latency_ms: 38 },
          status: "serving",
        },
      });
      const v150 = await tx.modelVersion.create({
        data: {
          modelId: ticketModel.id,
          version: "1.5.0",
          artifactUri: "s3://models/ticket-router/1.5.0/model.onnx",
          digest: `sha256:${sha("ticket-router-1.5.0")}`,
          pipelineRunId: "train-2026-11-20-0457",
          pipelineRunUrl: "https://ci.example.com/pipelines/train/runs/457",
          sourceCommit: "df96937ca68e",
          offlineMetrics: { accuracy: 0.931, f1: 0.918, p95_latency_ms: 41 },
        },
      });
      // A release candidate that fails a fifth of its requests (its demo server does): rolling it
      // out shows a rollback by itself. Registered before 1.5.0, so the wizard offers 1.5.0 first.
      const v150rc1 = await tx.modelVersion.create({
        data: {
          modelId: ticketModel.id,
          version: "1.5.0-rc1",
          artifactUri: "s3://models/ticket-router/1.5.0-rc1/model.onnx",
          digest: `sha256:${sha("ticket-router-1.5.0-rc1")}`,
          pipelineRunId: "train-2026-11-12-0431",
          pipelineRunUrl: "https://ci.example.com/pipelines/train/runs/431",
          sourceCommit: "3c0e2f91b7d4",
          offlineMetrics: { accuracy: 0.929, f1: 0.915, p95_latency_ms: 40 },
          createdAt: new Date(v150.createdAt.getTime() - 8 * 86_400_000),
        },
      });
      await tx.system.update({ where: { id: tickets.id }, data: { championVersionId: v140.id } });
      const prod = tickets.environments[0]!;
      await tx.slot.create({
        data: {
          environmentId: prod.id,
          name: "blue",
          upstreamUrl: `http://127.0.0.1:${ports.championServer}`,
          versionId: v140.id,
        },
      });
      await tx.slot.create({
        data: {
          environmentId: prod.id,
          name: "green",
          upstreamUrl: `http://127.0.0.1:${ports.challengerServer}`,
          versionId: v150.id,
        },
      });
      await tx.slot.create({
        data: {
          environmentId: prod.id,
          name: "candidate",
          upstreamUrl: `http://127.0.0.1:${ports.faultyServer}`,
          versionId: v150rc1.id,
        },
      });
      await tx.router.create({
        data: {
          systemId: tickets.id,
          name: "edge-builtin",
          type: "builtin",
          endpoint: `http://127.0.0.1:${ports.routerAdmin}`,
          settings: { dataUrl: `http://127.0.0.1:${ports.routerData}` },
          secretEncrypted: options.routerToken ? encryptSecret(options.routerToken) : null,
        },
      });

      const churn = await tx.system.create({
        data: {
          slug: "churn",
          name: "Customer Churn Prediction",
          description: "Scores accounts for churn risk every night and on demand for the retention team.",
          requiredApprovals: 2,
          mirrorSafeRoutes: ["/predict", "/explain"],
          checklistTemplateId: template.id,
          environments: { create: { name: "production" } },
        },
      });
      const churnModel = await tx.model.create({
        data: { systemId: churn.id, name: "churn-xgb", description: "XGBoost on 90-day usage features" },
      });
      const c21 = await tx.modelVersion.create({
        data: {
          modelId: churnModel.id,
          version: "2.1.0",
          artifactUri: "s3://models/churn-xgb/2.1.0/model.json",
          digest: `sha256:${sha("churn-2.1.0")}`,
          pipelineRunId: "churn-train-311",
          offlineMetrics: { auc: 0.861, precision_at_10: 0.42 },
          status: "serving",
        },
      });
      await tx.modelVersion.create({
        data: {
          modelId: churnModel.id,
          version: "2.2.0-rc1",
          artifactUri: "s3://models/churn-xgb/2.2.0-rc1/model.json",
          digest: `sha256:${sha("churn-2.2.0-rc1")}`,
          pipelineRunId: "churn-train-338",
          offlineMetrics: { auc: 0.874, precision_at_10: 0.45 },
        },
      });
      await tx.system.update({ where: { id: churn.id }, data: { championVersionId: c21.id } });

      await writeAuditEvent(tx, ctx, {
        action: "demo.seed",
        entityType: "system",
        after: { users: users.length, systems: 2, token: token.name },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}

function sha(s: string) {
  return crypto.createHash("sha256").update(s).digest("hex");
}

if (process.argv[1]?.endsWith("seed.ts")) {
  const db = createPrismaClient();
  const seeded = await seed(db);
  console.log(seeded ? "seeded demo data" : "database already has data; seed skipped");
  await db.$disconnect();
}
