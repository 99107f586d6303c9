// Shadow mirroring's cost on the primary path, side by side in one run on one built-in router:
// no mirror (reference) vs mirroring 100 % of /predict to a live shadow vs to a shadow that is
// down. Open-loop POSTs at 1 000 req/s; p50/p99 of the primary answers; primary errors counted.
// Targets: added p99 ≤ 0.2 ms; 0 primary errors while the shadow is down.
//   npx tsx bench/shadow-overhead.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import { startRouter, putConfig, freePort } from "../lib/dataplane/testing/processes";
import { startNginxUpstream } from "./lib/proxies";
import { openLoop, percentile } from "./lib/open-loop";
import { load } from "./lib/machine";
import type { RoutingConfig } from "../lib/routers/types";

const RPS = 1_000;
const DURATION_MS = 4_000;
const ROUNDS = 3;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sy-shadow-bench-"));
  fs.mkdirSync(path.join(dir, "primary"));
  fs.mkdirSync(path.join(dir, "shadow"));
  const primary = await startNginxUpstream(path.join(dir, "primary"), "0");
  const shadow = await startNginxUpstream(path.join(dir, "shadow"), "0");
  const deadPort = await freePort();
  const router = await startRouter({ cpus: "1" });
  let version = 1;
  const config = (mirror: string | null): RoutingConfig => ({
    version: version++,
    epoch: 1,
    system: "bench",
    rolloutId: "bench-rollout",
    salt: "s",
    stickiness: { header: "x-user-id" },
    variants: [
      { key: "champion", role: "champion", upstream: `http://127.0.0.1:${primary.port}`, version: "1" },
      { key: "challenger", role: "challenger", upstream: mirror ?? `http://127.0.0.1:${shadow.port}`, version: "2" },
    ],
    weights: { champion: 10_000, challenger: 0 },
    overrideHeader: "x-switchyard-variant",
    rules: [],
    mirror: mirror ? { variant: "challenger", sampleBasisPoints: 10_000, routes: ["/predict"] } : null,
    killSwitch: false,
    segmentHeader: "x-ticket-type",
    predictionField: "label",
  });
  const cases = [
    { name: "no mirror (reference)", mirror: null },
    { name: "mirror 100 % to a live shadow", mirror: `http://127.0.0.1:${shadow.port}` },
    { name: "mirror 100 % to a shadow that is down", mirror: `http://127.0.0.1:${deadPort}` },
  ];
  const results: Record<string, { p50: number[]; p99: number[]; errors: number; sent: number }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      const put = await putConfig(router, config(c.mirror));
      if (put.status !== 200) throw new Error(`config refused: ${JSON.stringify(put.body)}`);
      await openLoop({ url: `${router.url}/predict`, rps: RPS, durationMs: 500 });
      const r = await openLoop({
        url: `${router.url}/predict`,
        rps: RPS,
        durationMs: DURATION_MS,
        headers: (i) => ({ "x-user-id": `u${i}`, "content-type": "application/json" }),
      });
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      const acc = (results[c.name] ??= { p50: [], p99: [], errors: 0, sent: 0 });
      acc.p50.push(percentile(sorted, 0.5));
      acc.p99.push(percentile(sorted, 0.99));
      acc.errors += r.errors + (r.sent - r.ok - r.errors);
      acc.sent += r.sent;
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ref = results[cases[0]!.name]!;
  const rows = cases.map((c) => {
    const r = results[c.name]!;
    return {
      case: c.name,
      p50Ms: +med(r.p50).toFixed(3),
      p99Ms: +med(r.p99).toFixed(3),
      addedP50Ms: +(med(r.p50) - med(ref.p50)).toFixed(3),
      addedP99Ms: +(med(r.p99) - med(ref.p99)).toFixed(3),
      primaryErrors: r.errors,
      sent: r.sent,
    };
  });
  const summary = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, ...load() },
    method: `open-loop POST /predict at ${RPS} req/s for ${DURATION_MS / 1000} s per case, ${ROUNDS} rounds interleaved, medians of rounds; router pinned to CPU 1; nginx upstreams`,
    rows,
    targets: {
      addedP99LiveShadow: { measuredMs: rows[1]!.addedP99Ms, targetMs: 0.2, met: rows[1]!.addedP99Ms <= 0.2 },
      primaryErrorsShadowDown: { measured: rows[2]!.primaryErrors, target: 0, met: rows[2]!.primaryErrors === 0 },
    },
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/shadow-overhead.json", JSON.stringify(summary, null, 2));
  fs.writeFileSync(
    "bench/results/shadow-overhead.md",
    [
      "# Shadow mirroring overhead on the primary path",
      "",
      `Generated ${summary.generatedAt} by \`npx tsx bench/shadow-overhead.ts\` (load average ${summary.machine.loadavg1m}). ${summary.method}.`,
      "",
      "| case | p50 ms | p99 ms | added p50 ms | added p99 ms | primary errors / sent |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.case} | ${r.p50Ms} | ${r.p99Ms} | ${r.addedP50Ms} | ${r.addedP99Ms} | ${r.primaryErrors} / ${r.sent} |`,
      ),
      "",
      `Targets: added p99 with a live shadow ≤ 0.2 ms: ${summary.targets.addedP99LiveShadow.met ? "met" : "missed"}; 0 primary errors with the shadow down: ${summary.targets.primaryErrorsShadowDown.met ? "met" : "missed"}.`,
      "",
    ].join("\n"),
  );
  console.log(JSON.stringify(summary, null, 2));
  await router.stop();
  await primary.stop();
  await shadow.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
