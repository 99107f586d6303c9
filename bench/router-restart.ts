// Refused connections across built-in router restarts under load.
//   npx tsx bench/router-restart.ts [--restarts=20] [--crashes=5] [--stop-starts=5] [--concurrency=16] [--gap-ms=1000]
// A demo model server behind the built-in router; `concurrency` closed loops of POST /predict,
// half on keep-alive connections, half on a new connection per request. Three phases:
//   1. `restarts` zero-downtime restarts (SIGHUP: a new worker accepts from the same sockets, then
//      the old one drains), one every `gap-ms` after the previous completed;
//   2. `crashes` SIGKILLs of the serving worker (the supervisor keeps the sockets; a new worker starts);
//   3. for comparison, `stop-starts` restarts the old way: SIGTERM, then a new router process
//      binding the same ports.
// Counts per phase: requests, refused connections (ECONNREFUSED), other failures, answers by status.
// Writes bench/results/router-restart.json and .md. Bounded: about a minute with the defaults.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { startLoad, type LoadResult } from "@/lib/dataplane/testing/load";
import { putConfig, startModelServer, startRouter, type RouterProcess } from "@/lib/dataplane/testing/processes";
import { descendants } from "@/lib/testing/chaos";
import { load } from "./lib/machine";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const RESTARTS = arg("restarts", 20);
const CRASHES = arg("crashes", 5);
const STOP_STARTS = arg("stop-starts", 5);
const CONCURRENCY = arg("concurrency", 16);
const GAP_MS = arg("gap-ms", 1_000);
const OUT = path.resolve(import.meta.dirname, "results");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[router-restart] ${m}`);

async function waitFor(what: string, ok: () => boolean, ms = 30_000): Promise<number> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
  return Date.now() - t0;
}

const served = (r: RouterProcess) => r.logs.filter((l) => l.includes('"new worker serving"')).length;

interface Phase {
  events: number;
  /** Time from the signal to the new process serving, per event (ms). */
  handoverMs: number[];
  load: LoadResult;
}

async function main(): Promise<void> {
  const loadBefore = load();
  const model = await startModelServer(["--version=v1"]);
  const config = makeConfig({
    variants: [
      { key: "champion", role: "champion", upstream: model.url, version: "v1" },
      { key: "challenger", role: "challenger", upstream: model.url, version: "v2" },
    ],
    weights: { champion: 9_000, challenger: 1_000 },
  });
  let router = await startRouter();
  const stops: (() => Promise<void>)[] = [() => model.stop()];
  try {
    await putConfig(router, config);

    // 1. Zero-downtime restarts.
    let traffic = startLoad(router.url, { concurrency: CONCURRENCY });
    await sleep(GAP_MS);
    const restart: Phase = { events: RESTARTS, handoverMs: [], load: traffic.snapshot() };
    for (let i = 1; i <= RESTARTS; i++) {
      process.kill(router.proc.pid!, "SIGHUP");
      const r = router;
      restart.handoverMs.push(await waitFor(`restart ${i}`, () => served(r) >= i));
      await sleep(GAP_MS);
    }
    restart.load = await traffic.stop();
    log(`restarts: ${JSON.stringify(restart.load)}`);

    // 2. Worker crashes.
    traffic = startLoad(router.url, { concurrency: CONCURRENCY });
    await sleep(GAP_MS);
    const crash: Phase = { events: CRASHES, handoverMs: [], load: traffic.snapshot() };
    for (let i = 1; i <= CRASHES; i++) {
      const before = served(router);
      const worker = descendants(router.proc.pid!).at(-1)!;
      process.kill(worker, "SIGKILL");
      const r = router;
      crash.handoverMs.push(await waitFor(`crash ${i}`, () => served(r) > before));
      await sleep(GAP_MS);
    }
    crash.load = await traffic.stop();
    log(`crashes: ${JSON.stringify(crash.load)}`);

    // 3. The old way: stop, then start a new process on the same ports and data.
    const ports = { ROUTER_PORT: new URL(router.url).port, ROUTER_ADMIN_PORT: new URL(router.adminUrl).port };
    traffic = startLoad(router.url, { concurrency: CONCURRENCY });
    await sleep(GAP_MS);
    const stopStart: Phase = { events: STOP_STARTS, handoverMs: [], load: traffic.snapshot() };
    for (let i = 1; i <= STOP_STARTS; i++) {
      const t0 = Date.now();
      await router.stop();
      router = await startRouter({ dataDir: router.dataDir, env: ports });
      stopStart.handoverMs.push(Date.now() - t0);
      await sleep(GAP_MS);
    }
    stopStart.load = await traffic.stop();
    log(`stop-starts: ${JSON.stringify(stopStart.load)}`);
    stops.push(() => router.stop());

    const summarize = (p: Phase) => ({
      events: p.events,
      requests: p.load.sent,
      ok: p.load.statuses[200] ?? 0,
      refused: p.load.refused,
      failed: p.load.failed,
      errors: p.load.errors,
      statuses: p.load.statuses,
      seconds: Math.round(p.load.seconds * 10) / 10,
      handoverMs: {
        p50: percentile(p.handoverMs, 0.5),
        max: Math.max(...p.handoverMs),
      },
    });
    const results = {
      benchmark: "router-restart",
      generatedAt: new Date().toISOString(),
      method: {
        concurrency: CONCURRENCY,
        loops: "half keep-alive, half a new connection per request; POST /predict to a demo model server",
        gapMs: GAP_MS,
        machine: { before: loadBefore, after: load() },
      },
      restarts: summarize(restart),
      crashes: summarize(crash),
      stopStarts: summarize(stopStart),
      target: { refusedAcrossRestarts: 0, met: restart.load.refused === 0 && restart.load.failed === 0 },
    };
    await writeFile(path.join(OUT, "router-restart.json"), JSON.stringify(results, null, 2) + "\n");
    await writeFile(path.join(OUT, "router-restart.md"), markdown(results));
    log(`wrote ${path.join(OUT, "router-restart.{json,md}")}`);
  } finally {
    for (const s of stops) await s().catch(() => {});
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

interface Summary {
  events: number;
  requests: number;
  refused: number;
  failed: number;
  handoverMs: { p50: number; max: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- this script's own result shape
function markdown(r: any): string {
  const row = (name: string, p: Summary) =>
    `| ${name} | ${p.events} | ${p.requests} | ${p.refused} | ${p.failed} | ${p.handoverMs.p50} / ${p.handoverMs.max} |`;
  return `# Built-in router restarts under load

${r.generatedAt}; ${r.method.concurrency} closed loops (${r.method.loops}).

| how | events | requests | refused | other failures | signal → new process serving, p50 / max (ms) |
| --- | ---: | ---: | ---: | ---: | ---: |
${row("zero-downtime restart (SIGHUP)", r.restarts)}
${row("worker crash (SIGKILL)", r.crashes)}
${row("stop, then start a new process (before)", r.stopStarts)}

Target: 0 refused and 0 failed across zero-downtime restarts: ${r.target.met ? "met" : "NOT met"}.
Failures on a crash are the requests in flight in the killed process.
`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
