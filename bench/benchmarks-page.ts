// Writes docs/benchmarks.md from bench/results/*.json, so the figures the docs quote can't drift
// from what the benchmarks measured. `--check` writes nothing and exits 1 when the page is stale
// (CI runs it). Every results file needs an entry in SUMMARIES: a new benchmark without one fails.
//   npx tsx bench/benchmarks-page.ts [--check]
import fs from "node:fs";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results files are the benchmarks' own JSON
type Results = any;

interface Summary {
  /** What was measured, in one line. */
  what: string;
  /** Rows of the summary table: figure, target and whether it was met. */
  rows: (r: Results) => { figure: string; target: string; met: boolean | null }[];
}

const SUMMARIES: Record<string, Summary> = {
  "router-latency": {
    what: "built-in router vs a direct connection, HAProxy and NGINX (`bench/router-latency.ts`)",
    rows: (r) => {
      const row = (t: string) => r.summary.find((s: { target: string }) => s.target === t);
      const [b, h, n] = [row("builtin"), row("haproxy"), row("nginx")];
      const v = r.verdict;
      return [
        {
          figure: `added latency at 1 000 req/s: p50 +${ms(b.addedP50Ms)}, p99 +${ms(b.addedP99Ms)} (HAProxy +${ms(h.addedP50Ms)} / +${ms(h.addedP99Ms)}, NGINX +${ms(n.addedP50Ms)} / +${ms(n.addedP99Ms)}; ${String(r.method.aggregation).replace("rounds", `${r.method.rounds} rounds`)})`,
          target: `p50 ≤ ${ms(v.addedP50.targetMs)}, p99 ≤ ${ms(v.addedP99.targetMs)}, p99 ≤ ${v.addedP99VsHaproxy.target}× HAProxy's`,
          met: v.addedP50.met && v.addedP99.met && v.addedP99VsHaproxy.met,
        },
        {
          figure: `throughput ${fmt(v.throughputVsHaproxy.measured, 2)}× HAProxy's (${int(b.maxRps)} vs ${int(h.maxRps)} req/s, one core each); ${fmt(b.cpuUsPerRequest, 0)} µs CPU per request vs HAProxy's ${fmt(h.cpuUsPerRequest, 0)}`,
          target: `≥ ${v.throughputVsHaproxy.target}× HAProxy`,
          met: v.throughputVsHaproxy.met,
        },
      ];
    },
  },
  "router-restart": {
    what: "refused connections across built-in router restarts under load (`bench/router-restart.ts`)",
    rows: (r) => [
      {
        figure: `${r.restarts.events} zero-downtime restarts (SIGHUP): ${r.restarts.refused} refused, ${r.restarts.failed} failed of ${int(r.restarts.requests)} requests; before (stop, then start): ${r.stopStarts.refused} refused of ${int(r.stopStarts.requests)} across ${r.stopStarts.events}`,
        target: "0 refused, 0 failed",
        met: r.target.met,
      },
      {
        figure: `${r.crashes.events} worker crashes (SIGKILL): ${r.crashes.refused} refused, ${r.crashes.failed} failed (in flight in the killed process) of ${int(r.crashes.requests)}`,
        target: "0 refused",
        met: r.crashes.refused === 0,
      },
    ],
  },
  "metrics-spool": {
    what: "router metrics served vs recorded across restarts with the ingest down (`bench/metrics-spool.ts`)",
    rows: (r) => [
      {
        figure: `${int(r.served)} served, ${int(r.recorded)} recorded after ${r.method.restarts.length} restarts (${r.method.restarts.join(", ")}); ${r.spool.batches} batches replayed in ${ms(r.replay.drainMs)}`,
        target: "recorded = served",
        met: r.target.met,
      },
    ],
  },
  "shadow-overhead": {
    what: "shadow mirroring on the primary path (`bench/shadow-overhead.ts`)",
    rows: (r) => {
      const t = r.targets;
      const down = r.rows.find((x: { case: string }) => /down/.test(x.case));
      return [
        {
          figure: `+${ms(t.addedP99LiveShadow.measuredMs)} p99 mirroring 100 % to a live shadow (+${ms(down.addedP99Ms)} with the shadow down); ${t.primaryErrorsShadowDown.measured} primary errors of ${int(down.sent)} with the shadow down`,
          target: `≤ ${ms(t.addedP99LiveShadow.targetMs)}, ${t.primaryErrorsShadowDown.target} errors`,
          met: t.addedP99LiveShadow.met && t.primaryErrorsShadowDown.met,
        },
      ];
    },
  },
  "weight-change": {
    what: "weight change and abort, command to router serving it (`bench/weight-change.ts`)",
    rows: (r) => [
      {
        figure: `committed → served: p50 ${ms(r.advanceCommitToServedMs.p50)}, p99 ${ms(r.advanceCommitToServedMs.p99)} over ${r.advanceCommitToServedMs.n} changes (the router's own PUT+GET: p50 ${ms(r.referenceRouterPutGetMs.p50)}, p99 ${ms(r.referenceRouterPutGetMs.p99)})`,
        target: `p99 ≤ ${ms(r.advanceCommitToServedMs.targetP99)}`,
        met: r.advanceCommitToServedMs.met,
      },
      {
        figure: `abort → 100 % champion served: p50 ${ms(r.abortToChampionServedMs.p50)}, p99 ${ms(r.abortToChampionServedMs.p99)}`,
        target: `p99 ≤ ${ms(r.abortToChampionServedMs.targetP99)}`,
        met: r.abortToChampionServedMs.met,
      },
    ],
  },
  propagation: {
    what: "propagation to ≥ 99 % of new requests under a steady stream (`bench/propagation.ts`)",
    rows: (r) =>
      (["haproxy", "nginx"] as const).map((k) => ({
        figure: `${k === "haproxy" ? "HAProxy (Runtime API)" : "NGINX (file + `nginx -t` + reload)"}: p50 ${ms(r[k].propagationMs.p50)}, p99 ${ms(r[k].propagationMs.p99)} over ${r[k].changes} changes, ${r[k].errors} failed of ${int(r[k].requests)} requests`,
        target: `p99 ≤ ${ms(r[k].targetP99Ms)}, 0 errors`,
        met: r[k].met && r[k].errors === 0,
      })),
  },
  ingest: {
    what: "ingest of outcome events (`bench/ingest.ts`)",
    rows: (r) => [
      {
        figure: `${int(r.batched.perSecond)} events/s wall in batches of ${int(r.setup.batchSize)} (${int(r.batched.perCpuSecond)} per CPU-second, node and PostgreSQL together); naive per-row ${int(r.naivePerRow.perSecond)}/s`,
        target: `≥ ${int(r.targets.eventsPerCoreSecond)}/s per core`,
        met: r.targets.met,
      },
      {
        figure: `event visible to gates: p95 ${ms(r.visibility.p95Ms)}`,
        target: `≤ ${ms(r.visibility.targetMs)}`,
        met: r.visibility.p95Ms <= r.visibility.targetMs,
      },
    ],
  },
  "gate-eval": {
    what: "gate evaluation over a day of rollups (`bench/gate-eval.ts`)",
    rows: (r) => [
      {
        figure: `${r.setup.windowHours} h of rollups (${int(r.setup.rollupRows)} rows, ${int(r.setup.requestsRepresented)} requests), ${r.setup.gates.length} default gates: p50 ${ms(r.runRolloutAnalysisMs.p50)}, p95 ${ms(r.runRolloutAnalysisMs.p95)} (pure evaluation ${ms(r.pureEvaluationMs.p50)})`,
        target: `p95 ≤ ${ms(r.target.p95Ms)}`,
        met: r.target.met,
      },
    ],
  },
  "decision-quality": {
    what: "decisions of the default gates vs naive thresholds (`bench/decision-quality.ts`)",
    rows: (r) => {
      const n = r.setup.rollouts;
      const aaWrong = r.aa.gates.wrongRollbacks + r.aa.gates.wrongPromotions;
      const naiveAaWrong = r.aa.naive.wrongRollbacks + r.aa.naive.wrongPromotions;
      return [
        {
          figure: `${int(n)} A/A rollouts checked every ${r.setup.intervalSeconds} s: ${pct(aaWrong / n)} wrong decisions (naive thresholds: ${pct(naiveAaWrong / n)})`,
          target: `≤ ${pct(r.targets.aaWrongTotalMax)}`,
          met: r.targets.aaMet,
        },
        {
          figure: `${int(n)} challengers doubling the error rate: ${pct(r.bad.gates.rollback / n)} rolled back, median after ${r.bad.gates.medianSecondsToRollback} s (naive: ${pct(r.bad.naive.rollback / n)})`,
          target: `≥ ${pct(r.targets.badRolledBackMin)}`,
          met: r.targets.badMet,
        },
      ];
    },
  },
  "auto-rollback": {
    what: "a bad challenger (20 % errors) rolled back by itself, real processes (`bench/auto-rollback.ts`)",
    rows: (r) => [
      {
        figure: `back on the champion: p50 ${fmt(r.seconds.p50, 1)} s, p95 ${fmt(r.seconds.p95, 1)} s over ${r.trials.length} trials`,
        target: `p95 ≤ ${r.target.p95Seconds} s`,
        met: r.target.met,
      },
    ],
  },
  "audit-verify": {
    what: "audit chain verification (`bench/audit-verify.ts`)",
    rows: (r) => [
      {
        figure: `${int(r.events)} events verified: median ${sec(r.verify.medianMs)}, best ${sec(r.verify.bestMs)}; tampered row ${r.tampered.tamperedId} ${r.tampered.found ? "named" : "NOT found"} in ${sec(r.tampered.durationMs)}`,
        target: `≤ ${sec(r.verify.targetMs)}`,
        met: r.verify.pass && r.tampered.found,
      },
    ],
  },
  "records-export": {
    what: "deployment records export (`bench/records-export.ts`)",
    rows: (r) => [
      {
        figure: `${int(r.records)} records as CSV: median ${ms(r.csv.medianMs)}, slowest ${ms(r.csv.maxMs)} (${int(r.csv.bytes / 1024)} KiB); JSON ${ms(r.other.json.ms)}; PDF ${sec(r.other.pdf.ms)}`,
        target: `≤ ${sec(r.csv.targetMs)}`,
        met: r.csv.pass,
      },
    ],
  },
};

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "bench/results");
const pagePath = path.join(root, "docs/benchmarks.md");

/** The page for the results files in `dir`. Pure apart from reading them. */
export function renderBenchmarksPage(dir = resultsDir): string {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort((a, b) => order(a) - order(b));
  const missing = names.filter((n) => !SUMMARIES[n]);
  if (missing.length) throw new Error(`no summary for bench/results/${missing.join(", ")}.json: add one to SUMMARIES`);
  const lines = [
    "# Benchmarks",
    "",
    "<!-- Generated by `npx tsx bench/benchmarks-page.ts` from bench/results/*.json; don't edit by hand. -->",
    "",
    "Each benchmark runs real processes on a 2-core machine and compares against a reference in the",
    "same run; the machine is shared, so read ratios and medians, and each results file records the",
    "load. `npm run bench` runs them all (about 25 minutes) and rewrites this page; `npm run bench --",
    "<name>` runs some. How to run one alone is in [development](development.md#benchmarks).",
    "",
    "| what | figure | target | met | measured | details |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const name of names) {
    const results = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8"));
    const when = String(results.generatedAt ?? results.when ?? "").slice(0, 10);
    for (const [i, row] of SUMMARIES[name].rows(results).entries())
      lines.push(
        `| ${i === 0 ? SUMMARIES[name].what : ""} | ${row.figure} | ${row.target} | ${row.met === null ? "–" : row.met ? "✅" : "❌"} | ${when} | [${name}](#${name}) |`,
      );
  }
  lines.push(
    "",
    "Split accuracy (within ±1 point over 10 000 unit keys) is a unit test, `lib/dataplane/assign.test.ts`.",
  );
  for (const name of names) {
    const md = path.join(dir, `${name}.md`);
    lines.push("", `## ${name}`, "");
    if (!fs.existsSync(md)) {
      lines.push(`(no bench/results/${name}.md)`);
      continue;
    }
    const body = fs
      .readFileSync(md, "utf8")
      .trim()
      .replace(/^# .*\n+/, "")
      .replace(/^(#+) /gm, "#$1 ");
    lines.push(body);
  }
  return `${lines.join("\n")}\n`;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const page = renderBenchmarksPage();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(pagePath) ? fs.readFileSync(pagePath, "utf8") : "";
    if (current !== page) {
      console.error("docs/benchmarks.md is stale: run `npx tsx bench/benchmarks-page.ts` and commit it.");
      process.exit(1);
    }
    console.log("docs/benchmarks.md is current.");
  } else {
    fs.writeFileSync(pagePath, page);
    console.log(`wrote ${path.relative(root, pagePath)}`);
  }
}

function order(name: string): number {
  const i = Object.keys(SUMMARIES).indexOf(name);
  return i < 0 ? Infinity : i;
}

function fmt(x: number, digits: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, " ");
}

function int(x: number): string {
  return fmt(Math.round(x), 0);
}

function ms(x: number): string {
  const digits = x < 1 ? 2 : x < 10 ? 1 : 0;
  return `${fmt(x, digits)} ms`;
}

function sec(msValue: number): string {
  return `${fmt(msValue / 1000, 1)} s`;
}

function pct(x: number): string {
  return `${fmt(x * 100, 1)} %`;
}
