// Chaos: no metric lost when the built-in router restarts while the control plane is down.
// Real processes: a model server, the built-in router (restarted with SIGTERM, then all its
// processes SIGKILLed, on the same data directory), the web app (`next start`, started only at the end) and PostgreSQL.
// Every answer the router served must be counted once in the rollups, no more, no less.
import crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "../testing/free-port";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { descendants, isAlive, sleep, startWeb, until, type WebProcess } from "../testing/chaos";
import { makeConfig } from "./testing/fixtures";
import { adminGet, mapLimit, predict } from "./testing/http";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";

const ROUTER_TOKEN = "chaos-router-token";
let t: TestDatabase;
let model: ModelServerProcess;
let web: WebProcess | null = null;
let router: RouterProcess | null = null;
let dataDir: string;
let webPort: number;
let rolloutId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const tag = crypto.randomBytes(3).toString("hex");
  const user = await t.db.user.create({
    data: { email: `rm-${tag}@test.local`, name: "Rita", role: "release_manager" },
  });
  const system = await t.db.system.create({ data: { slug: `spool-${tag}`, name: "Spool", mirrorSafeRoutes: [] } });
  const rollout = await t.db.rollout.create({
    data: {
      systemId: system.id,
      name: "spool canary",
      strategy: "canary",
      status: "progressing",
      authorId: user.id,
      planHash: "x",
      salt: "salt-1",
    },
  });
  rolloutId = rollout.id;
  model = await startModelServer(["--version=v1"]);
  dataDir = await mkdtemp(path.join(tmpdir(), "switchyard-chaos-router-"));
  webPort = await freePort();
});

afterAll(async () => {
  await Promise.all([router?.stop(), web?.stop(), model?.stop()]);
  await t?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function routerEnv() {
  return {
    ROUTER_ID: "chaos-edge",
    SWITCHYARD_INGEST_URL: `http://127.0.0.1:${webPort}/api/v1/ingest/router`,
    SWITCHYARD_INGEST_TOKEN: ROUTER_TOKEN,
    ROUTER_REPORT_INTERVAL_MS: "300",
  };
}

/** Sends `n` requests; returns how many the router answered 200 (what it will count as served). */
async function traffic(n: number, tag: string): Promise<number> {
  const res = await mapLimit(
    Array.from({ length: n }, (_, i) => i),
    8,
    // Requests sent after a stop began are refused or reset: they were not served.
    (i) => predict(router!.url, { user: `${tag}-${i}`, ticketType: i % 2 ? "billing" : "account" }).catch(() => null),
  );
  return res.filter((r) => r?.status === 200).length;
}

async function recorded(): Promise<number> {
  const rows = await t.db.metricRollup.findMany({ where: { rolloutId, segment: "*" }, select: { requests: true } });
  return rows.reduce((a, r) => a + Number(r.requests), 0);
}

it("counts every served request once after SIGTERM and SIGKILL restarts with the web app down", async () => {
  router = await startRouter({ dataDir, token: ROUTER_TOKEN, env: routerEnv() });
  const config = makeConfig({
    rolloutId,
    variants: [
      { key: "champion", role: "champion", upstream: model.url, version: "v1" },
      { key: "challenger", role: "challenger", upstream: model.url, version: "v2" },
    ],
    weights: { champion: 5_000, challenger: 5_000 },
    segmentHeader: "x-ticket-type",
  });
  expect((await putConfig(router, config)).status).toBe(200);

  let served = await traffic(200, "a");
  // SIGTERM while requests are in flight: the router drains and spools what it counted.
  const inFlight = traffic(200, "b");
  await sleep(100);
  await router.stop();
  served += await inFlight;

  router = await startRouter({ dataDir, token: ROUTER_TOKEN, env: routerEnv() });
  served += await traffic(300, "c");
  // SIGKILL: what was cut into a batch (every 300 ms here) is on disk; counts not yet cut would be
  // lost with the process, so let two intervals pass first.
  await sleep(700);
  const before = JSON.parse((await adminGet(router, "/healthz")).text) as { reports: { pending: number } };
  expect(before.reports.pending).toBeGreaterThanOrEqual(1);
  // The whole router at once (launcher, supervisor, worker), as a container kill would: nothing
  // gets to flush, only the disk speaks for it.
  const tree = [router.proc.pid!, ...descendants(router.proc.pid!)];
  for (const pid of tree) process.kill(pid, "SIGKILL");
  await until("the killed router gone", () => tree.every((p) => !isAlive(p)));

  router = await startRouter({ dataDir, token: ROUTER_TOKEN, env: routerEnv() });
  served += await traffic(100, "d");
  expect(served).toBeGreaterThan(700);
  expect(await recorded()).toBe(0);

  // The web app comes back: every spooled batch is delivered, each once.
  web = await startWeb({ databaseUrl: t.url, port: webPort, env: { SWITCHYARD_ROUTER_TOKEN: ROUTER_TOKEN } });
  await until("recorded requests to reach the served count", async () => (await recorded()) >= served, 30_000);
  // Another restart makes the router resend nothing twice: the count stays.
  await router.stop();
  router = await startRouter({ dataDir, token: ROUTER_TOKEN, env: routerEnv() });
  await sleep(1_500);
  expect(await recorded()).toBe(served);
  const health = JSON.parse((await adminGet(router, "/healthz")).text) as {
    reports: { pending: number; dropped: number };
  };
  expect(health.reports).toEqual({ pending: 0, dropped: 0 });
});
