// `npm run bench [-- name ...]`: runs the benchmarks one after another (never two at once: each
// compares against a reference on the same 2 cores), each writing bench/results/<name>.{md,json}.
// With names, only those. Then rewrites docs/benchmarks.md from bench/results. Takes about 25 minutes for all of them; audit-verify alone loads a
// million events first.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Benchmarks that drive the service verbs need the react-server export conditions. */
const BENCHES: { name: string; verbs?: boolean; args?: string[] }[] = [
  { name: "router-latency" },
  { name: "router-restart" },
  { name: "metrics-spool" },
  { name: "shadow-overhead" },
  { name: "propagation" },
  { name: "weight-change", verbs: true },
  { name: "ingest", args: ["--batch=10000"] },
  { name: "gate-eval" },
  { name: "decision-quality" },
  { name: "auto-rollback", verbs: true },
  { name: "audit-verify" },
  { name: "records-export" },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const failed: string[] = [];
for (const b of BENCHES.filter((x) => wanted.length === 0 || wanted.includes(x.name))) {
  const args = [
    ...(b.verbs ? ["--conditions=react-server"] : []),
    "--import",
    "tsx",
    path.join("bench", `${b.name}.ts`),
    ...(b.args ?? []),
  ];
  console.log(`\n▸ ${b.name}: node ${args.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  console.log(
    `▸ ${b.name}: ${r.status === 0 ? "done" : `FAILED (exit ${r.status ?? r.signal})`} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (r.status !== 0) failed.push(b.name);
}
// The docs quote figures only from the generated page: rewrite it from the new results.
spawnSync(process.execPath, ["--import", "tsx", path.join("bench", "benchmarks-page.ts")], {
  cwd: root,
  stdio: "inherit",
});
if (failed.length) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
