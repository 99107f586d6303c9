// A real data plane for rollout integration tests: two demo model servers, one built-in router
// (real processes on loopback), and the rows that describe them in a fresh test database.
import crypto from "node:crypto";
import type { PrismaClient } from "../../db/create-client";
import type { ServiceContext } from "../../permissions";
import { encryptSecret } from "../../crypto/secret-box";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "../../dataplane/testing/processes";
import { reportBatchSchema } from "../../dataplane/report-schema";
import { ingestRouterBatch } from "../../ingest/ingest-router-batch";

export interface EngineFixture {
  champion: ModelServerProcess;
  challenger: ModelServerProcess;
  /** 1.6.0: fails 40 % of billing tickets, for automatic rollback. */
  bad: ModelServerProcess;
  router: RouterProcess;
  ingestUrl: string;
  badVersionId: string;
  systemSlug: string;
  systemId: string;
  routerId: string;
  championVersionId: string;
  challengerVersionId: string;
  rm: ServiceContext;
  rm2: ServiceContext;
  stop(): Promise<void>;
}

export function ensureSecretKey() {
  process.env.SWITCHYARD_SECRET_KEY ??= crypto.randomBytes(32).toString("base64");
}

export async function startEngineFixture(
  db: PrismaClient,
  options: { challengerArgs?: string[]; routerDataDir?: string; reportIntervalMs?: number } = {},
): Promise<EngineFixture> {
  ensureSecretKey();
  // The router reports its metrics here, as it does to the web app's ingest endpoint.
  const ingest = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      try {
        await ingestRouterBatch(db, reportBatchSchema.parse(JSON.parse(body)));
        res.writeHead(200).end("{}");
      } catch (e) {
        res.writeHead(400).end(JSON.stringify({ detail: String(e) }));
      }
    });
  });
  await new Promise<void>((r) => ingest.listen(0, "127.0.0.1", () => r()));
  const ingestUrl = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}/ingest`;
  const [champion, challenger, bad, router] = await Promise.all([
    startModelServer(["--version=1.4.0"]),
    startModelServer(["--version=1.5.0", "--flavor=bigram", ...(options.challengerArgs ?? [])]),
    startModelServer(["--version=1.6.0", "--error-rate=0.4", "--error-ticket-type=billing"]),
    startRouter({
      dataDir: options.routerDataDir,
      env: { SWITCHYARD_INGEST_URL: ingestUrl, ROUTER_REPORT_INTERVAL_MS: String(options.reportIntervalMs ?? 300) },
    }),
  ]);
  const tag = crypto.randomBytes(3).toString("hex");
  const person = async (name: string) => {
    const u = await db.user.create({ data: { email: `${name}-${tag}@test.local`, name, role: "release_manager" } });
    return {
      actor: { type: "user" as const, id: u.id, role: "release_manager" as const, label: `${name} <${u.email}>` },
      requestId: `t-${tag}`,
    };
  };
  const rm = await person("rick");
  const rm2 = await person("rosa");
  // No approvals and an empty checklist: these tests are about the engine, not governance.
  const template = await db.checklistTemplate.create({ data: { name: `empty ${tag}` } });
  const system = await db.system.create({
    data: {
      slug: `tickets-${tag}`,
      name: `Tickets ${tag}`,
      requiredApprovals: 0,
      mirrorSafeRoutes: ["/predict"],
      checklistTemplateId: template.id,
      environments: { create: { name: "production" } },
    },
    include: { environments: true },
  });
  const model = await db.model.create({ data: { systemId: system.id, name: "ticket-router" } });
  const version = (v: string) =>
    db.modelVersion.create({
      data: {
        modelId: model.id,
        version: v,
        artifactUri: `s3://m/${v}`,
        digest: `sha256:${crypto.createHash("sha256").update(v).digest("hex")}`,
        pipelineRunId: `run-${v}`,
      },
    });
  const v14 = await version("1.4.0");
  const v15 = await version("1.5.0");
  const v16 = await version("1.6.0");
  await db.system.update({ where: { id: system.id }, data: { championVersionId: v14.id } });
  const env = system.environments[0]!;
  await db.slot.create({ data: { environmentId: env.id, name: "blue", upstreamUrl: champion.url, versionId: v14.id } });
  await db.slot.create({
    data: { environmentId: env.id, name: "green", upstreamUrl: challenger.url, versionId: v15.id },
  });
  await db.slot.create({ data: { environmentId: env.id, name: "canary", upstreamUrl: bad.url, versionId: v16.id } });
  const r = await db.router.create({
    data: {
      systemId: system.id,
      name: "edge",
      type: "builtin",
      endpoint: router.adminUrl,
      secretEncrypted: encryptSecret(router.token),
      settings: { timeoutMs: 2000 },
    },
  });
  return {
    champion,
    challenger,
    bad,
    router,
    ingestUrl,
    badVersionId: v16.id,
    systemSlug: system.slug,
    systemId: system.id,
    routerId: r.id,
    championVersionId: v14.id,
    challengerVersionId: v15.id,
    rm,
    rm2,
    stop: async () => {
      await Promise.all([champion.stop(), challenger.stop(), bad.stop(), router.stop()]);
      ingest.close();
    },
  };
}

/** Sends n labelled requests through the router, one unit key each, and counts answers per variant. */
export async function sendTraffic(
  routerUrl: string,
  n: number,
  options: { users?: (i: number) => string; headers?: Record<string, string> } = {},
) {
  const counts: Record<string, number> = {};
  const byUser: Record<string, string> = {};
  let failures = 0;
  const batch = 25;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, async (_, k) => {
        const user = options.users ? options.users(i + k) : `user-${i + k}`;
        const res = await fetch(`${routerUrl}/predict`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-user-id": user,
            "x-ticket-type": "billing",
            ...options.headers,
          },
          body: JSON.stringify({ text: "I was charged twice for my invoice", ticket_type: "billing" }),
        }).catch(() => null);
        if (!res || res.status >= 500) {
          failures++;
          return;
        }
        await res.arrayBuffer();
        const variant = res.headers.get("x-switchyard-variant") ?? "none";
        counts[variant] = (counts[variant] ?? 0) + 1;
        byUser[user] = variant;
      }),
    );
  }
  return { counts, byUser, failures };
}
