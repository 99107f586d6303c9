// Chaos: a stop signal to the start command stops everything it started. `npm start` runs as a
// process manager or container runtime would run it, and SIGTERM (then, on a second start from
// the same data directory, SIGINT) goes to the npm process itself. Within a bounded time no process
// of the tree is left and no port it listened on is held; the router flushed its metric spool.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PORTS } from "../demo/demo-data";
import { descendants, isAlive, listeningPorts, spawnProcess, until, type ChaosProcess } from "../testing/chaos";
import { freePort } from "../testing/free-port";

const STOP_BOUND_MS = 30_000;
let dataDir: string;
let env: Record<string, string>;
let ports: number[];
const started: ChaosProcess[] = [];

/** An offset that moves every demo port onto a free one. */
async function freeOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 20_000 + Math.floor(Math.random() * 2_000) * 10;
    const shifted = Object.values(DEMO_PORTS).map((p) => p + offset);
    if ((await Promise.all(shifted.map(portFree))).every(Boolean)) return offset;
  }
  throw new Error("no free port offset");
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-chaos-start-"));
  // As root, PostgreSQL runs as the postgres user, which must be able to reach its folder inside.
  fs.chmodSync(dataDir, 0o755);
  const offset = await freeOffset();
  const web = await freePort();
  const pg = await freePort();
  env = {
    SWITCHYARD_DATA_DIR: dataDir,
    SWITCHYARD_PORT_OFFSET: String(offset),
    SWITCHYARD_PG_PORT: String(pg),
    PORT: String(web),
    NEXTAUTH_URL: `http://localhost:${web}`,
    DATABASE_URL: "",
    SWITCHYARD_DEMO_RPS: "20",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const demo = [
    DEMO_PORTS.championServer,
    DEMO_PORTS.challengerServer,
    DEMO_PORTS.faultyServer,
    DEMO_PORTS.routerData,
    DEMO_PORTS.routerAdmin,
  ];
  ports = [web, pg, ...demo.map((p) => p + offset)];
});

afterAll(async () => {
  for (const p of started) for (const pid of [p.pid, ...descendants(p.pid)]) tryKill(pid);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function tryKill(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // gone
  }
}

async function startAndSignal(signal: NodeJS.Signals) {
  const npm = spawnProcess("npm start", "npm", ["start"], env);
  started.push(npm);
  await until(
    "Switchyard to be up",
    () => {
      if (!npm.alive()) throw new Error(`npm start exited:\n${npm.logs.join("\n")}`);
      return npm.logs.some((l) => l.includes("Switchyard is up"));
    },
    180_000,
    250,
  );
  // Let demo traffic flow through the router for a moment, so it has metrics to flush.
  await new Promise((r) => setTimeout(r, 3_000));
  const tree = [npm.pid, ...descendants(npm.pid)];
  expect(tree.length).toBeGreaterThan(8);
  expect(listeningPorts(ports).sort()).toEqual([...ports].sort());

  const t0 = Date.now();
  npm.signal(signal);
  await until(`every process gone after ${signal}`, () => tree.every((p) => !isAlive(p)), STOP_BOUND_MS);
  const stoppedMs = Date.now() - t0;
  expect(stoppedMs).toBeLessThan(STOP_BOUND_MS);
  expect(listeningPorts(ports)).toEqual([]);
  expect((await npm.exited).code === 0 || (await npm.exited).signal === signal).toBe(true);
  // The router stopped before web and delivered what it had counted: its spool is empty.
  const spool = path.join(dataDir, "router-edge-builtin", "report-spool");
  expect(fs.existsSync(spool) ? fs.readdirSync(spool).filter((f) => f.endsWith(".json")) : []).toEqual([]);
  return stoppedMs;
}

it("SIGTERM to the npm process stops every child and frees every port", async () => {
  await startAndSignal("SIGTERM");
});

it("SIGINT to the npm process (Ctrl+C) does the same, on a second start from the same data", async () => {
  await startAndSignal("SIGINT");
});
