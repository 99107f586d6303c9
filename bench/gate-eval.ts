// Gate evaluation over 24 h of rollups (target p95 ≤ 200 ms).
//   npx tsx bench/gate-eval.ts [--runs=40]
// Setup: embedded PostgreSQL; one rollout whose weights were applied 24 h ago; 8 640 buckets of
// 10 s × 2 variants × (all traffic + 3 segments) of rollups = 69 120 rows, ~1 220 requests per
// bucket (champion 1 100, challenger 120) = 10.5 million raw requests represented, with errors,
// latency histograms and labels. Each run is a full runRolloutAnalysis with the five default
// gates (reads the rollout, checks the weights are applied, aggregates the window, the
// first-hour complaint window, evaluates, writes five AnalysisRun rows).
// Writes bench/results/gate-eval.json and .md.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { load, waitForQuiet } from "./lib/machine";
import { seedRollout } from "@/lib/analysis/testing-rollout";
import { runRolloutAnalysis } from "@/lib/analysis/run-analysis";
import { evaluateGates } from "@/lib/analysis/evaluate-gate";
import { gatesSchema, DEFAULT_GATES } from "@/lib/analysis/default-gates";
import { loadTotals } from "@/lib/analysis/load-window";
import { emptyTotals } from "@/lib/analysis/window";
import { upsertRollups } from "@/lib/ingest/upsert-rollups";
import type { RollupDelta } from "@/lib/ingest/rollup-delta";
import { percentile, round, startBenchDb } from "./analysis/setup";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const RUNS = arg("runs", 40);
const BUCKETS = 8_640;
const SEGMENTS = ["billing", "technical", "account"];

async function main() {
  const bench = await startBenchDb("gate", { fsync: false });
  const { db } = bench;
  try {
    const now = new Date(Math.floor(Date.now() / 10_000) * 10_000);
    const dayAgo = new Date(now.getTime() - BUCKETS * 10_000);
    const { rolloutId } = await seedRollout(db, { appliedAt: dayAgo });
    let represented = 0;
    let rows: RollupDelta[] = [];
    const flush = async () => {
      await upsertRollups(db, rows);
      rows = [];
    };
    for (let b = 0; b < BUCKETS; b++) {
      const bucketStart = new Date(dayAgo.getTime() + b * 10_000);
      for (const [variant, n] of [
        ["champion", 1_100],
        ["challenger", 120],
      ] as const) {
        const parts = [n, Math.round(n * 0.25), Math.round(n * 0.5), n - Math.round(n * 0.25) - Math.round(n * 0.5)];
        ["*", ...SEGMENTS].forEach((segment, i) => {
          const requests = parts[i];
          const t = emptyTotals();
          t.requests = requests;
          // Exact long-run rates without rounding bias: spread the fractional errors over buckets.
          const every = (rate: number) => Math.floor((b + 1) * requests * rate) - Math.floor(b * requests * rate);
          t.errors = every(0.01);
          t.latencyBuckets = [
            0,
            0,
            0,
            Math.round(requests * 0.1),
            Math.round(requests * 0.6),
            Math.round(requests * 0.25),
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
          ];
          t.latencyBuckets[6] = requests - t.latencyBuckets.reduce((s, x) => s + x, 0);
          t.latencySumMs = requests * 30;
          t.labelled = every(0.2);
          t.correct = every(0.18);
          rows.push({ ...t, rolloutId, variant, segment, bucketStart, predictions: {} });
        });
        represented += n;
      }
      if (rows.length >= 4_000) await flush();
    }
    await flush();
    await db.$executeRawUnsafe("VACUUM ANALYZE metric_rollups");
    const rowCount = await db.metricRollup.count();
    console.log(`${rowCount} rollup rows, ${represented} requests represented`);

    const quiet = await waitForQuiet(0.6, 30_000);
    const full: number[] = [];
    const query: number[] = [];
    const pure: number[] = [];
    const gates = gatesSchema.parse(DEFAULT_GATES);
    let verdict = "";
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const r = await runRolloutAnalysis(db, { rolloutId, stepIndex: 1, now });
      const t1 = performance.now();
      const arms = await loadTotals(db, { rolloutId, from: dayAgo, to: now });
      const t2 = performance.now();
      evaluateGates(gates, {
        champion: "champion",
        challengers: ["challenger"],
        windowStart: dayAgo,
        windowEnd: now,
        arms,
      });
      const t3 = performance.now();
      verdict = r.verdict;
      if (i < 3) continue; // warm-up
      full.push(t1 - t0);
      query.push(t2 - t1);
      pure.push(t3 - t2);
    }
    const stat = (xs: number[]) => ({
      p50: round(percentile(xs, 0.5)),
      p95: round(percentile(xs, 0.95)),
      max: round(Math.max(...xs)),
    });
    const result = {
      benchmark: "gate-eval",
      when: new Date().toISOString(),
      machine: { ...load(), busyBeforeRuns: round(quiet.busy, 2), cpus: os.cpus().length },
      setup: {
        buckets: BUCKETS,
        windowHours: 24,
        rollupRows: rowCount,
        requestsRepresented: represented,
        segments: SEGMENTS.length,
        gates: gates.map((g) => g.name),
        runs: RUNS,
      },
      verdict,
      runRolloutAnalysisMs: stat(full),
      windowQueryMs: stat(query),
      pureEvaluationMs: stat(pure),
      target: { p95Ms: 200, met: percentile(full, 0.95) <= 200 },
    };
    console.log(JSON.stringify(result, null, 2));
    await mkdir("bench/results", { recursive: true });
    await writeFile("bench/results/gate-eval.json", JSON.stringify(result, null, 2) + "\n");
    await writeFile(
      "bench/results/gate-eval.md",
      `# Gate evaluation over 24 h of rollups

${result.when}. ${rowCount.toLocaleString("en-US")} rollup rows (8 640 buckets × 2 variants × all traffic + ${SEGMENTS.length} segments) representing ${represented.toLocaleString("en-US")} requests; the five default gates, ${RUNS} runs after 3 warm-ups.

| measured | p50 ms | p95 ms | max ms |
| --- | ---: | ---: | ---: |
| full \`runRolloutAnalysis\` (reads, window + complaint-window queries, evaluation, 5 AnalysisRun rows) | ${result.runRolloutAnalysisMs.p50} | **${result.runRolloutAnalysisMs.p95}** | ${result.runRolloutAnalysisMs.max} |
| window aggregate query alone | ${result.windowQueryMs.p50} | ${result.windowQueryMs.p95} | ${result.windowQueryMs.max} |
| pure \`evaluateGates\` | ${result.pureEvaluationMs.p50} | ${result.pureEvaluationMs.p95} | ${result.pureEvaluationMs.max} |

Target p95 ≤ 200 ms: ${result.target.met ? "met" : "NOT met"}. Verdict of the runs: ${verdict}.

Machine: \`${JSON.stringify(result.machine)}\`
`,
    );
  } finally {
    await bench.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
