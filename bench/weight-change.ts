// Weight change and abort latency, end to end on real processes: embedded PostgreSQL, the
// built-in router and two demo model servers. Measures, from the service verb call (its
// transaction commit included) until the router serves the new weights:
//   - advance (next canary weight), 200 changes after 8 warm-up ones: target p99 ≤ 50 ms
//   - abort (everything back to the champion), 30 aborts: target p99 ≤ 250 ms
// Reference in the same run: the bare router admin API round trip (PUT + GET /config).
//   node --conditions=react-server --import tsx bench/weight-change.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { createPrismaClient } from "../lib/db/create-client";
import { freePort } from "../lib/testing/free-port";
import { startEngineFixture } from "../lib/rollouts/testing/engine-fixture";

const ADVANCES = 200;
const WARMUP = 8;
const ABORTS = 30;

async function main() {
  const pg = await startEmbeddedPostgres({
    dir: path.join(os.tmpdir(), `sy-bench-wc-${process.pid}`),
    port: await freePort(),
    ephemeral: true,
  });
  await migrate(pg.url);
  process.env.DATABASE_URL = pg.url;
  const db = createPrismaClient(pg.url, 10);
  (globalThis as { switchyardDb?: unknown }).switchyardDb = db;
  const verbs = await import("../lib/rollouts/testing/verbs");
  const { pushSystemRouting } = await import("../lib/rollouts/push-routing");
  const f = await startEngineFixture(db);
  await pushSystemRouting(db, { systemId: f.systemId });
  const auth = { authorization: `Bearer ${f.router.token}` };
  const servedVersion = async () =>
    (await (await fetch(`${f.router.adminUrl}/config`, { headers: auth })).json()) as {
      version: number;
      weights: Record<string, number>;
    };
  /** Polls the router until `ok`, returning the wall-clock time (ms) it first served it. */
  const waitFor = async (ok: (c: { weights: Record<string, number> }) => boolean) => {
    for (;;) {
      const c = await servedVersion();
      if (ok(c)) return Date.now();
      // Poll every ~2 ms: often enough to time it, not so often that polling loads the router.
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  // Reference: the router's own admin API, PUT then GET.
  const reference: number[] = [];
  const base = await servedVersion();
  for (let i = 0; i < 50; i++) {
    const cfg = { ...(base as object), version: base.version + 1000 + i } as Record<string, unknown>;
    const t0 = performance.now();
    await fetch(`${f.router.adminUrl}/config`, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(cfg),
    });
    await servedVersion();
    reference.push(performance.now() - t0);
  }
  await db.router.update({ where: { id: f.routerId }, data: { desiredVersion: base.version + 2000 } });

  const stages = Array.from({ length: 10 }, (_, i) => (i + 1) * 1000);
  const advance: number[] = [];
  const abort: number[] = [];
  const advanceFromClick: number[] = [];
  let warm = 0;
  let n = 0;
  while (advance.length < ADVANCES || abort.length < ABORTS) {
    const steps = stages
      .flatMap((w) => [{ kind: "set_weight" as const, weight: w }, { kind: "pause" as const }])
      .slice(0, -1);
    const created = await verbs.createRollout({
      ctx: f.rm,
      input: {
        system: f.systemSlug,
        name: `bench ${n++}`,
        description: "",
        strategy: "canary",
        challengers: [{ versionId: f.challengerVersionId }],
        steps,
        config: {},
      },
    });
    await verbs.submitRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    await verbs.startRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    for (let k = 1; k < 5 && advance.length < ADVANCES; k++) {
      const t0 = Date.now();
      const served = waitFor((c) => c.weights.challenger === stages[k]);
      await verbs.advanceRollout({ ctx: f.rm, input: { rolloutId: created.id } });
      const at = await served;
      const change = await db.weightChange.findFirstOrThrow({
        where: { rolloutId: created.id },
        orderBy: { configVersion: "desc" },
      });
      if (warm < WARMUP) {
        warm++;
        continue;
      }
      advance.push(at - change.createdAt.getTime());
      advanceFromClick.push(at - t0);
    }
    const t0 = Date.now();
    const served = waitFor((c) => c.weights.champion === 10_000);
    await verbs.abortRollout({ ctx: f.rm, input: { rolloutId: created.id } });
    if (abort.length < ABORTS) abort.push((await served) - t0);
  }
  const summary = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, load: os.loadavg() },
    referenceRouterPutGetMs: stats(reference),
    advanceCommitToServedMs: { ...stats(advance), targetP99: 50, met: stats(advance).p99 <= 50 },
    advanceClickToServedMs: stats(advanceFromClick),
    abortToChampionServedMs: { ...stats(abort), targetP99: 250, met: stats(abort).p99 <= 250 },
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/weight-change.json", JSON.stringify(summary, null, 2));
  fs.writeFileSync(
    "bench/results/weight-change.md",
    `# Weight change and abort latency\n\nGenerated ${summary.generatedAt} by \`node --conditions=react-server --import tsx bench/weight-change.ts\` (load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(
        " ",
      )}).\n\nTimes are wall-clock ms on one machine; the router's admin API is polled continuously from before the command. The weight change's commit time is its row's \`created_at\`; clocks are the same machine's. Real embedded PostgreSQL, real router process.\n\n| measurement | n | p50 ms | p90 ms | p99 ms | max ms | target |\n| --- | --- | --- | --- | --- | --- | --- |\n| reference: router PUT + GET /config | ${reference.length} | ${row(summary.referenceRouterPutGetMs)} | — |\n| advance: weight change committed → router serves it | ${advance.length} | ${row(summary.advanceCommitToServedMs)} | p99 ≤ 50 ms: ${summary.advanceCommitToServedMs.met ? "met" : "missed"} |
| advance: verb called → router serves it (command transaction included) | ${advanceFromClick.length} | ${row(summary.advanceClickToServedMs)} | — |\n| abort: command → 100 % champion served | ${abort.length} | ${row(summary.abortToChampionServedMs)} | p99 ≤ 250 ms: ${summary.abortToChampionServedMs.met ? "met" : "missed"} |\n`,
  );
  console.log(JSON.stringify(summary, null, 2));
  await f.stop();
  await db.$disconnect();
  await pg.stop();
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return {
    n: s.length,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    max: +s[s.length - 1]!.toFixed(2),
    worst5: s.slice(-5).map((x) => +x.toFixed(1)),
    worstAt: xs
      .map((x, i) => [x, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5)
      .map(([, i]) => i),
  };
}
function row(x: { p50: number; p90: number; p99: number; max: number }) {
  return `${x.p50} | ${x.p90} | ${x.p99} | ${x.max}`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
