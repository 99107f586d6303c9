// Chaos: the built-in router restarts, upgrades and crashes under load without refusing a
// connection. Real processes: two model servers and the router (launcher → supervisor → worker).
import { afterAll, beforeAll, expect, it } from "vitest";
import { descendants, isAlive, listeningPorts, sleep, until } from "../testing/chaos";
import { makeConfig } from "./testing/fixtures";
import { adminGet } from "./testing/http";
import { startLoad } from "./testing/load";
import {
  putConfig,
  startModelServer,
  startRouter,
  type ModelServerProcess,
  type RouterProcess,
} from "./testing/processes";

let champion: ModelServerProcess;
let challenger: ModelServerProcess;
const routers: RouterProcess[] = [];

beforeAll(async () => {
  [champion, challenger] = await Promise.all([
    startModelServer(["--version=v1"]),
    startModelServer(["--version=v2", "--flavor=bigram"]),
  ]);
});

afterAll(async () => {
  await Promise.all([champion?.stop(), challenger?.stop(), ...routers.map((r) => r.stop())]);
});

function config(version: number, challengerWeight: number) {
  return makeConfig({
    version,
    variants: [
      { key: "champion", role: "champion", upstream: champion.url, version: "v1" },
      { key: "challenger", role: "challenger", upstream: challenger.url, version: "v2" },
    ],
    weights: { champion: 10_000 - challengerWeight, challenger: challengerWeight },
  });
}

async function configured(): Promise<RouterProcess> {
  const router = await startRouter();
  routers.push(router);
  expect((await putConfig(router, config(1, 1_000))).status).toBe(200);
  return router;
}

const serving = (r: RouterProcess) => r.logs.filter((l) => l.includes('"new worker serving"')).length;

it("restarts (SIGHUP: new worker up, then the old one drains) three times under load: 0 refused, 0 failed", async () => {
  const router = await configured();
  const load = startLoad(router.url, { concurrency: 8 });
  await sleep(500);
  for (let i = 1; i <= 3; i++) {
    process.kill(router.proc.pid!, "SIGHUP");
    // A config pushed while the old and the new worker may both be serving reaches the one that
    // serves afterwards.
    expect((await putConfig(router, config(1 + i, 1_000 * (i + 1)))).status).toBe(200);
    await until(`restart ${i} to complete`, () => serving(router) === i, 30_000);
    await sleep(300);
  }
  const result = await load.stop();
  expect(result.refused).toBe(0);
  expect(result.failed).toBe(0);
  expect(Object.keys(result.statuses)).toEqual(["200"]);
  expect(result.sent).toBeGreaterThan(200);
  const served = JSON.parse((await adminGet(router, "/config")).text) as { version: number; weights: unknown };
  expect(served).toMatchObject({ version: 4, weights: { champion: 6_000, challenger: 4_000 } });
});

it("a crashed worker (SIGKILL) refuses nothing: connections wait in the backlog for the next worker", async () => {
  const router = await configured();
  const load = startLoad(router.url, { concurrency: 8 });
  await sleep(500);
  const before = load.snapshot();
  const worker = descendants(router.proc.pid!).at(-1)!;
  process.kill(worker, "SIGKILL");
  await until("a new worker serving", () => serving(router) === 1, 30_000);
  await sleep(500);
  const result = await load.stop();
  expect(result.refused).toBe(0);
  // Only requests in flight in the killed process can fail (at most one per loop).
  expect(result.failed).toBeLessThanOrEqual(8);
  expect(result.statuses[200]).toBeGreaterThan(before.statuses[200] ?? 0);
  expect(Object.keys(result.statuses)).toEqual(["200"]);
});

it("a router whose launcher is SIGKILLed drains and leaves no process and no port behind", async () => {
  const router = await configured();
  const pids = [router.proc.pid!, ...descendants(router.proc.pid!)];
  expect(pids.length).toBe(3);
  const ports = [new URL(router.url).port, new URL(router.adminUrl).port].map(Number);
  router.proc.kill("SIGKILL");
  await until("supervisor and worker gone", () => pids.every((p) => !isAlive(p)), 20_000);
  expect(listeningPorts(ports)).toEqual([]);
  expect(router.logs.some((l) => l.includes('"launcher gone"'))).toBe(true);
});
