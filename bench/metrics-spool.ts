// Metric spool replay: requests served vs recorded when the built-in router restarts while the
// control plane's ingest is down.
//   npx tsx bench/metrics-spool.ts [--seconds=20] [--restarts=4] [--concurrency=8] [--interval-ms=1000]
// A demo model server behind the built-in router, which reports to an ingest endpoint that runs
// the real ingest (lib/ingest/ingest-router-batch.ts) into a real PostgreSQL, but is down at first.
// Traffic runs for `seconds`; meanwhile the router is restarted `restarts` times, alternately with
// SIGTERM (drain) and with SIGKILL of all its processes at once (after a report interval, so what it
// counted is cut into a spooled batch). Then the ingest comes up: the router delivers its spool.
// Figures: served (200 answers), recorded (rollups), lost / double counted, batches and bytes in the
// spool, time for the spool to drain. Writes bench/results/metrics-spool.json and .md.
import crypto from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { reportBatchSchema } from "@/lib/dataplane/report-schema";
import { makeConfig } from "@/lib/dataplane/testing/fixtures";
import { startLoad } from "@/lib/dataplane/testing/load";
import { putConfig, startModelServer, startRouter, type RouterProcess } from "@/lib/dataplane/testing/processes";
import { ingestRouterBatch } from "@/lib/ingest/ingest-router-batch";
import { descendants, isAlive } from "@/lib/testing/chaos";
import { freePort } from "@/lib/testing/free-port";
import { load } from "./lib/machine";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SECONDS = arg("seconds", 20);
const RESTARTS = arg("restarts", 4);
const CONCURRENCY = arg("concurrency", 8);
const INTERVAL_MS = arg("interval-ms", 1_000);
const OUT = path.resolve(import.meta.dirname, "results");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[metrics-spool] ${m}`);

async function main(): Promise<void> {
  const loadBefore = load();
  const pgDir = await mkdtemp(path.join(tmpdir(), "switchyard-bench-pg-"));
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: await freePort(), ephemeral: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), "switchyard-bench-router-"));
  const model = await startModelServer(["--version=v1"]);
  let router: RouterProcess | null = null;
  let ingest: http.Server | null = null;
  const db = createPrismaClient(pg.url, 4);
  try {
    await migrate(pg.url);
    const tag = crypto.randomBytes(3).toString("hex");
    const user = await db.user.create({
      data: { email: `b-${tag}@bench.local`, name: "Bench", role: "release_manager" },
    });
    const system = await db.system.create({ data: { slug: `spool-${tag}`, name: "Spool", mirrorSafeRoutes: [] } });
    const rollout = await db.rollout.create({
      data: { systemId: system.id, name: "spool", strategy: "canary", authorId: user.id, planHash: "x", salt: "s" },
    });
    const ingestPort = await freePort();
    const env = {
      ROUTER_ID: "bench-spool",
      SWITCHYARD_INGEST_URL: `http://127.0.0.1:${ingestPort}/ingest`,
      ROUTER_REPORT_INTERVAL_MS: String(INTERVAL_MS),
    };
    const config = makeConfig({
      rolloutId: rollout.id,
      variants: [
        { key: "champion", role: "champion", upstream: model.url, version: "v1" },
        { key: "challenger", role: "challenger", upstream: model.url, version: "v2" },
      ],
      weights: { champion: 5_000, challenger: 5_000 },
    });
    router = await startRouter({ dataDir, env });
    await putConfig(router, config);

    // Traffic with the ingest down; restarts spread over the run.
    let served = 0;
    const phaseMs = (SECONDS * 1_000) / (RESTARTS + 1);
    const restarts: string[] = [];
    for (let i = 0; i <= RESTARTS; i++) {
      const traffic = startLoad(router.url, { concurrency: CONCURRENCY });
      await sleep(phaseMs);
      const r = await traffic.stop();
      served += r.statuses[200] ?? 0;
      if (i === RESTARTS) break;
      if (i % 2 === 0) {
        await router.stop();
        restarts.push("SIGTERM");
      } else {
        // Let a report interval pass so what was counted is cut into a batch on disk, then kill
        // every process of the router at once (nothing gets to flush).
        await sleep(INTERVAL_MS * 2);
        const tree = [router.proc.pid!, ...descendants(router.proc.pid!)];
        for (const pid of tree) process.kill(pid, "SIGKILL");
        while (tree.some(isAlive)) await sleep(20);
        restarts.push("SIGKILL (all processes)");
      }
      router = await startRouter({ dataDir, env });
    }
    await sleep(INTERVAL_MS * 2);
    const spoolDir = path.join(dataDir, "report-spool");
    const files = (await readdir(spoolDir)).filter((f) => f.endsWith(".json"));
    let bytes = 0;
    for (const f of files) bytes += (await stat(path.join(spoolDir, f))).size;
    log(`served ${served}; ${files.length} batches (${bytes} bytes) spooled; ingest comes up`);

    // The ingest comes back.
    let posts = 0;
    let duplicates = 0;
    ingest = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", async () => {
        posts++;
        try {
          const result = await ingestRouterBatch(db, reportBatchSchema.parse(JSON.parse(body)));
          if (result.status === "duplicate") duplicates++;
          res.writeHead(result.status === "accepted" ? 201 : 200).end("{}");
        } catch (e) {
          res.writeHead(400).end(JSON.stringify({ detail: String(e) }));
        }
      });
    });
    await new Promise<void>((r) => ingest!.listen(ingestPort, "127.0.0.1", () => r()));
    const t0 = Date.now();
    const recorded = async () => {
      const rows = await db.metricRollup.findMany({
        where: { rolloutId: rollout.id, segment: "*" },
        select: { requests: true },
      });
      return rows.reduce((a, x) => a + Number(x.requests), 0);
    };
    while ((await readdir(spoolDir)).some((f) => f.endsWith(".json")) && Date.now() - t0 < 120_000) await sleep(50);
    const drainMs = Date.now() - t0;
    // One more restart after the replay: nothing is sent twice.
    await router.stop();
    router = await startRouter({ dataDir, env });
    await sleep(INTERVAL_MS * 2);
    const rec = await recorded();
    const results = {
      benchmark: "metrics-spool",
      generatedAt: new Date().toISOString(),
      method: {
        seconds: SECONDS,
        concurrency: CONCURRENCY,
        reportIntervalMs: INTERVAL_MS,
        restarts,
        machine: { before: loadBefore, after: load() },
      },
      served,
      recorded: rec,
      lost: Math.max(0, served - rec),
      doubleCounted: Math.max(0, rec - served),
      spool: { batches: files.length, bytes },
      replay: { drainMs, posts, duplicatesRefused: duplicates },
      target: { recordedEqualsServed: true, met: rec === served },
    };
    log(JSON.stringify(results));
    await writeFile(path.join(OUT, "metrics-spool.json"), JSON.stringify(results, null, 2) + "\n");
    await writeFile(path.join(OUT, "metrics-spool.md"), markdown(results));
    log(`wrote ${path.join(OUT, "metrics-spool.{json,md}")}`);
  } finally {
    await router?.stop().catch(() => {});
    await model.stop().catch(() => {});
    await new Promise((r) => (ingest ? ingest.close(r) : r(null)));
    await db.$disconnect();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(pgDir, { recursive: true, force: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- this script's own result shape
function markdown(r: any): string {
  return `# Metric spool replay

${r.generatedAt}; ${r.method.seconds} s of traffic (${r.method.concurrency} loops) with the ingest down, router restarted ${r.method.restarts.length} times (${r.method.restarts.join(", ")}); report interval ${r.method.reportIntervalMs} ms.

| served | recorded | lost | double counted | spooled batches (bytes) | spool drained in |
| ---: | ---: | ---: | ---: | ---: | ---: |
| ${r.served} | ${r.recorded} | ${r.lost} | ${r.doubleCounted} | ${r.spool.batches} (${r.spool.bytes}) | ${r.replay.drainMs} ms |

Target: recorded = served: ${r.target.met ? "met" : "NOT met"}. ${r.replay.posts} POSTs during the replay, ${r.replay.duplicatesRefused} of them resends the ingest recognised.
`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
