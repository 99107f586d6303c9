// Chaos: PostgreSQL goes away under a running web app and controller, then comes back. While it is
// away, pages and the API answer 503 with Retry-After (problem+json for the API), a write changes
// nothing, and the controller keeps trying; once it is back, everything answers again and the
// controller leads again. Real processes: a private embedded PostgreSQL (stopped and started on the
// same port and data), the built web app and the controller.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { DEMO_API_TOKEN } from "../demo/demo-data";
import { createPrismaClient } from "./create-client";
import { migrate } from "./migrate";
import {
  sleep,
  spawnTsx,
  startPrivatePostgres,
  startWeb,
  until,
  type ChaosProcess,
  type PrivatePostgres,
  type WebProcess,
} from "../testing/chaos";

const SECRET_KEY = crypto.randomBytes(32).toString("base64");
let pg: PrivatePostgres;
let web: WebProcess;
let controller: ChaosProcess;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  await migrate(pg.url);
  process.env.SWITCHYARD_SECRET_KEY ??= SECRET_KEY;
  const db = createPrismaClient(pg.url, 2);
  await seed(db, { routerToken: "chaos-router-token" });
  await db.$disconnect();
  const env = {
    SWITCHYARD_SECRET_KEY: process.env.SWITCHYARD_SECRET_KEY,
    SWITCHYARD_ROUTER_TOKEN: "chaos-router-token",
  };
  web = await startWeb({ databaseUrl: pg.url, env });
  controller = spawnTsx("controller", "lib/controller/main.ts", {
    ...env,
    DATABASE_URL: pg.url,
    CONTROLLER_ID: "chaos-controller",
    CONTROLLER_TICK_MS: "200",
  });
});

afterAll(async () => {
  await Promise.all([web?.stop(), controller?.stop()]);
  await pg?.destroy();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${web.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${DEMO_API_TOKEN}`, "content-type": "application/json", ...init.headers },
    signal: AbortSignal.timeout(10_000),
  });
const page = (path: string) =>
  fetch(`${web.url}${path}`, {
    headers: { accept: "text/html" },
    redirect: "manual",
    signal: AbortSignal.timeout(10_000),
  });

async function leaseRenewedAt(): Promise<Date | null> {
  const db = createPrismaClient(pg.url, 1);
  try {
    const rows = await db.controllerLease.findMany({ orderBy: { renewedAt: "desc" }, take: 1 });
    return rows[0]?.renewedAt ?? null;
  } finally {
    await db.$disconnect();
  }
}

it("answers 503 + Retry-After while the database is away, writes nothing, and recovers by itself", async () => {
  expect((await page("/status")).status).toBe(200);
  expect((await api("/api/v1/systems")).status).toBe(200);
  await until("the controller to lead", async () => (await leaseRenewedAt()) !== null, 30_000);

  await pg.stop();

  const statusPage = await page("/status");
  expect(statusPage.status).toBe(503);
  expect(statusPage.headers.get("retry-after")).toBe("5");
  expect(statusPage.headers.get("content-type")).toMatch(/text\/html/);
  expect(await statusPage.text()).toMatch(/can't reach its database/);

  const asJson = await fetch(`${web.url}/status`, { headers: { accept: "application/json" } });
  expect(asJson.status).toBe(503);
  expect(asJson.headers.get("content-type")).toMatch(/application\/problem\+json/);

  const list = await api("/api/v1/systems");
  expect(list.status).toBe(503);
  expect(list.headers.get("retry-after")).toBe("5");
  expect(list.headers.get("content-type")).toMatch(/application\/problem\+json/);
  expect(await list.json()).toMatchObject({ status: 503, code: "database_unavailable" });

  const slug = `away-${crypto.randomBytes(3).toString("hex")}`;
  const create = await api("/api/v1/systems", {
    method: "POST",
    body: JSON.stringify({ slug, name: "Made while away" }),
  });
  expect(create.status).toBe(503);

  // The controller keeps trying rather than exiting.
  await sleep(3_000);
  expect(controller.alive()).toBe(true);
  const away = new Date();

  await pg.start();
  await until("the status page to answer 200 again", async () => (await page("/status")).status === 200, 30_000, 500);
  expect((await api("/api/v1/systems")).status).toBe(200);
  const systems = (await (await api("/api/v1/systems")).json()) as { systems: { slug: string }[] };
  expect(systems.systems.map((s) => s.slug)).not.toContain(slug);
  await until(
    "the controller to renew its lease after the outage",
    async () => ((await leaseRenewedAt())?.getTime() ?? 0) > away.getTime(),
    30_000,
    500,
  );
  expect(controller.alive()).toBe(true);
});
