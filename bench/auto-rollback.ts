// Automatic rollback, end to end on real processes: a challenger failing 20 % of requests is
// rolled out as a 10 % canary under steady traffic; the real controller process (default 1 s
// tick, default 10 s gate interval, the seed's default gates) and the router's default 5 s
// metric reports decide. Measures rollout start → every router serving the champion alone.
// Target: p95 ≤ 45 s.
//   node --conditions=react-server --import tsx bench/auto-rollback.ts [--trials=8]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { createPrismaClient } from "../lib/db/create-client";
import { freePort } from "../lib/testing/free-port";
import { startEngineFixture, sendTraffic } from "../lib/rollouts/testing/engine-fixture";
import { startModelServer } from "../lib/dataplane/testing/processes";

const TRIALS = Number(process.argv.find((a) => a.startsWith("--trials="))?.split("=")[1] ?? 8);
const RPS = 150;

async function main() {
  const pg = await startEmbeddedPostgres({
    dir: path.join(os.tmpdir(), `sy-bench-ar-${process.pid}`),
    port: await freePort(),
    ephemeral: true,
  });
  await migrate(pg.url);
  process.env.DATABASE_URL = pg.url;
  const db = createPrismaClient(pg.url, 10);
  (globalThis as { switchyardDb?: unknown }).switchyardDb = db;
  const verbs = await import("../lib/rollouts/testing/verbs");
  const f = await startEngineFixture(db, { reportIntervalMs: 5_000 });
  const bad = await startModelServer(["--version=1.7.0", "--error-rate=0.2"]);
  const model = await db.model.findFirstOrThrow({ where: { systemId: f.systemId } });
  const v17 = await db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "1.7.0",
      artifactUri: "s3://m/1.7.0",
      digest: `sha256:${"c".repeat(64)}`,
      pipelineRunId: "run-1.7.0",
    },
  });
  const env = (await db.environment.findFirstOrThrow({ where: { systemId: f.systemId } })).id;
  await db.slot.create({ data: { environmentId: env, name: "bad", upstreamUrl: bad.url, versionId: v17.id } });
  const controller = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "lib/controller/main.ts"],
    {
      env: { ...process.env, DATABASE_URL: pg.url, CONTROLLER_ID: "bench" },
      stdio: "ignore",
    },
  );
  let stop = false;
  const load = (async () => {
    let i = 0;
    while (!stop) {
      const t = Date.now();
      await sendTraffic(f.router.url, RPS / 5, { users: (k) => `u-${i}-${k}` });
      i++;
      const wait = 200 - (Date.now() - t);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  const served = async () =>
    (
      (await (
        await fetch(`${f.router.adminUrl}/config`, { headers: { authorization: `Bearer ${f.router.token}` } })
      ).json()) as { weights: Record<string, number> }
    ).weights;
  const durations: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    await db.modelVersion.update({ where: { id: v17.id }, data: { status: "registered", blockedReason: null } });
    const created = await verbs.createRollout({
      ctx: f.rm,
      input: {
        system: f.systemSlug,
        name: `bad canary ${trial}`,
        description: "",
        strategy: "canary",
        challengers: [{ versionId: v17.id }],
        config: { internalSeconds: 0, stages: [1000, 5000, 10_000] },
      },
    });
    await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    const t0 = Date.now();
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    for (;;) {
      const w = await served();
      if (w.champion === 10_000 && !(w.challenger > 0) && Date.now() - t0 > 1_000) {
        const r = await db.rollout.findUniqueOrThrow({ where: { id: created.id } });
        if (r.status === "rolled_back") break;
      }
      if (Date.now() - t0 > 180_000) throw new Error("no rollback within 180 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = Date.now() - t0;
    durations.push(ms);
    const reason = (await db.rollout.findUniqueOrThrow({ where: { id: created.id } })).statusReason;
    console.log(`trial ${trial + 1}: back on the champion after ${(ms / 1000).toFixed(1)} s (${reason})`);
  }
  stop = true;
  await load;
  controller.kill("SIGTERM");
  const s = [...durations].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  const summary = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, load: os.loadavg() },
    setup: `canary 10 % → 50 % → 100 % of a challenger failing 20 % of requests; ${RPS} req/s of demo tickets through the built-in router (metrics reported every 5 s); controller process with a 1 s tick; default gates (seed rollback triggers) every 10 s`,
    trials: durations.map((d) => +(d / 1000).toFixed(1)),
    seconds: {
      p50: +(q(0.5) / 1000).toFixed(1),
      p95: +(q(0.95) / 1000).toFixed(1),
      max: +(s[s.length - 1]! / 1000).toFixed(1),
    },
    target: { p95Seconds: 45, met: q(0.95) <= 45_000 },
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/auto-rollback.json", JSON.stringify(summary, null, 2));
  fs.writeFileSync(
    "bench/results/auto-rollback.md",
    `# Automatic rollback of a bad challenger\n\nGenerated ${summary.generatedAt} by \`node --conditions=react-server --import tsx bench/auto-rollback.ts\`.\n\n${summary.setup}. Time from the start command until the router serves the champion alone and the rollout is rolled back.\n\n| trials | p50 s | p95 s | max s | target |\n| --- | --- | --- | --- | --- |\n| ${durations.length} | ${summary.seconds.p50} | ${summary.seconds.p95} | ${summary.seconds.max} | p95 ≤ 45 s: ${summary.target.met ? "met" : "missed"} |\n\nPer trial (s): ${summary.trials.join(", ")}\n`,
  );
  console.log(JSON.stringify(summary, null, 2));
  await f.stop();
  await bad.stop();
  await db.$disconnect();
  await pg.stop();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
