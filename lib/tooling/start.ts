// `npm start`: the whole product on one machine. With no DATABASE_URL it runs the embedded
// PostgreSQL in .data/ (kept across restarts), migrates, seeds demo data once, builds the web app
// if needed, and starts web, controller, built-in router, two demo model servers and demo traffic.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { ensureAppLoginRole, grantAppRole, roleOfUrl } from "../db/app-role";
import { createPrismaClient } from "../db/create-client";
import { seed } from "../../prisma/seed";
import { DEMO_API_TOKEN, DEMO_PASSWORD, DEMO_USERS, demoPorts } from "../demo/demo-data";
import { acquireInstanceLock } from "./instance-lock";
import {
  killServices,
  startService,
  stopServices,
  waitForPort,
  type RunningService,
  type ServiceSpec,
} from "./processes";
import { demoServices } from "./demo-services";
import { loadOrCreateSecrets } from "./secrets-file";

const args = new Set(process.argv.slice(2));
const root = process.cwd();
const dataDir = path.resolve(process.env.SWITCHYARD_DATA_DIR ?? path.join(root, ".data"));
const webPort = demoPorts().web;
const withDemo = !args.has("--no-demo") && process.env.SWITCHYARD_DEMO !== "0";
const log = (line: string) => console.log(line);

fs.mkdirSync(dataDir, { recursive: true });
const releaseLock = (() => {
  try {
    return acquireInstanceLock(path.join(dataDir, "switchyard.pid"));
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exit(1);
  }
})();
const services: RunningService[] = [];
let database: EmbeddedDatabase | undefined;
let stopping = false;

async function main() {
  const started = Date.now();
  const secrets = loadOrCreateSecrets(dataDir);
  process.env.SWITCHYARD_SECRET_KEY = secrets.secretKey;
  if (secrets.previousSecretKeys.length)
    process.env.SWITCHYARD_SECRET_KEY_PREVIOUS = secrets.previousSecretKeys.join(",");
  // Two roles (docs/security.md): the owner migrates and seeds, web and controller connect as the
  // application role, which owns nothing and is no superuser.
  let databaseUrl = process.env.DATABASE_URL;
  let ownerUrl = process.env.DATABASE_OWNER_URL || databaseUrl;
  if (!databaseUrl) {
    log(`▸ starting embedded PostgreSQL (data in ${path.join(dataDir, "postgres")})`);
    database = await startEmbeddedPostgres({
      dir: path.join(dataDir, "postgres"),
      port: Number(process.env.SWITCHYARD_PG_PORT ?? 54329),
    });
    ownerUrl = database.url;
    databaseUrl = await ensureAppLoginRole(ownerUrl, EMBEDDED_APP_ROLE, embeddedAppPassword(secrets.authSecret));
  }
  const applied = await migrate(ownerUrl!, { log: (l) => log(`▸ ${l}`) });
  if (!applied.length) log("▸ database schema is up to date");
  if (ownerUrl !== databaseUrl) await grantAppRole(ownerUrl!, roleOfUrl(databaseUrl));
  else log("▸ the app and migrations share one database role: set DATABASE_OWNER_URL (docs/security.md)");
  const db = createPrismaClient(ownerUrl, 2);
  if (await seed(db, { routerToken: secrets.routerToken })) log("▸ seeded demo data");
  await db.$disconnect();

  if (!args.has("--dev") && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("▸ building the web app (first start only; `npm run build` rebuilds)");
    const build = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const env = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secrets.authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${webPort}`,
    SWITCHYARD_SECRET_KEY: secrets.secretKey,
    SWITCHYARD_SECRET_KEY_PREVIOUS: secrets.previousSecretKeys.join(","),
    SWITCHYARD_ROUTER_TOKEN: secrets.routerToken,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const specs: ServiceSpec[] = [
    {
      name: "web",
      // node itself rather than npx: one process fewer between a stop signal and the server.
      command: process.execPath,
      args: [
        path.join(root, "node_modules/next/dist/bin/next"),
        args.has("--dev") ? "dev" : "start",
        "-p",
        String(webPort),
      ],
      env: { ...env, PORT: String(webPort) },
      readyPort: webPort,
    },
  ];
  // react-server condition: service modules import "server-only", which is empty under it.
  specs.push({
    name: "controller",
    command: process.execPath,
    args: ["--conditions=react-server", "--import", "tsx", "lib/controller/main.ts"],
    env,
  });
  if (withDemo) specs.push(...demoServices({ env, dataDir, webPort }));
  for (const spec of specs) services.push(startService(spec, log));
  for (const spec of specs) if (spec.readyPort) await waitForPort(spec.readyPort);
  printWelcome(Date.now() - started);
}

function printWelcome(ms: number) {
  const url = `http://localhost:${webPort}`;
  const lines = [
    "",
    `Switchyard is up in ${(ms / 1000).toFixed(1)} s: ${url}`,
    `Public status page: ${url}/status`,
    "",
    `Demo accounts (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((u) => `  ${u.role.padEnd(16)} ${u.email}`),
    "",
    `Demo API token (release_manager, all scopes): ${DEMO_API_TOKEN}`,
    `  curl -H "Authorization: Bearer ${DEMO_API_TOKEN}" ${url}/api/v1/registry/versions`,
    "",
    "Press Ctrl+C to stop.",
  ];
  log(lines.join("\n"));
}

/** Stops every service (newest first: demo traffic, router, which spools and flushes its metrics
 * while web still takes them, model servers, controller, web), then PostgreSQL; whatever is still
 * running after STOP_DEADLINE_MS is killed, so a stop is bounded. */
async function shutdown(code = 0, why = "") {
  if (stopping) return;
  stopping = true;
  log(`▸ stopping${why ? ` (${why})` : ""}…`);
  const deadline = setTimeout(() => {
    log("▸ still stopping after 25 s: killing what is left");
    killServices(services);
    releaseLock();
    process.exit(code || 1);
  }, STOP_DEADLINE_MS);
  await stopServices(services);
  await database?.stop().catch(() => {});
  clearTimeout(deadline);
  releaseLock();
  process.exit(code);
}

const STOP_DEADLINE_MS = 25_000;
/** The embedded database's application role; its password is derived from the auth secret. */
const EMBEDDED_APP_ROLE = "switchyard_app";
function embeddedAppPassword(authSecret: string): string {
  return crypto.createHmac("sha256", authSecret).update("switchyard_app database password").digest("base64url");
}
// `npm start` runs this file with `exec`, so npm's SIGTERM/SIGINT reach this process; SIGHUP is a
// closed terminal. If whatever started us dies without a signal reaching us (npm SIGKILLed), our
// parent changes: stop too rather than run on unattended with the ports held.
process.on("SIGINT", () => void shutdown(0, "SIGINT"));
process.on("SIGTERM", () => void shutdown(0, "SIGTERM"));
process.on("SIGHUP", () => void shutdown(0, "SIGHUP"));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown(0, "parent process gone"), 1_000).unref();
main().catch(async (error) => {
  console.error(`✖ ${(error as Error).message}`);
  await shutdown(1);
});
