// `npm test`: every test, in order of cost. Type check, lint, the generated docs being current, unit tests,
// integration tests (real PostgreSQL, real routers and model servers), chaos tests (faults injected
// into real processes), then Playwright in Chromium against the built app, then the people's journeys
// from a fresh start of their own.
//   npm test -- --only unit|integration|chaos|e2e     run one stage (or several: --only unit,integration)
//   npm test -- --skip-build                    reuse the existing .next build for chaos and e2e
//   npm test -- --install-system-packages       install missing Debian packages (as root; CI does)
// Before the first stage it checks the Node version and the programs the stages start (preflight.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mayInstall, preflight } from "./preflight";
import { journeysDataDir } from "../../e2e/env";
import type { TestStage } from "./system-packages";

const argv = process.argv.slice(2);
/** `--only unit,integration`: those stages (unit brings the type check, lint and the docs check). */
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1]?.split(",") : undefined;
const skipBuild = argv.includes("--skip-build");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

interface Stage {
  name: TestStage;
  run: () => number;
}

const sh = (cmd: string, args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;

let builtStatus: number | undefined;
/** `next build`, once per run (skipped with --skip-build when a build exists). */
function build(): number {
  if (builtStatus === undefined)
    builtStatus = skipBuild && fs.existsSync(".next/BUILD_ID") ? 0 : sh("npx", ["next", "build"]);
  return builtStatus;
}

const stages: Stage[] = [
  { name: "typecheck", run: () => sh("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]) },
  // ESLint (Next.js + typescript-eslint rules, no `as never` in production code) and Prettier.
  { name: "lint", run: () => sh("npm", ["run", "lint"]) },
  // docs/benchmarks.md is generated from bench/results and every docs link must lead somewhere; a
  // stale page or a dead link fails here, not in a reader's hands.
  {
    name: "docs",
    run: () =>
      sh("npx", ["tsx", "bench/benchmarks-page.ts", "--check"]) || sh("npx", ["tsx", "lib/tooling/doc-links.ts"]),
  },
  { name: "unit", run: () => sh("npx", ["vitest", "run", "--project", "unit"]) },
  { name: "integration", run: () => sh("npx", ["vitest", "run", "--project", "integration"]) },
  // Faults against real processes (kills, SIGSTOP, restarts, outages); see docs/operations.md. Some
  // need the web app, so it is built first (once for this stage and e2e).
  {
    name: "chaos",
    run: () => build() || sh("npx", ["vitest", "run", "--project", "chaos", "--passWithNoTests"]),
  },
  {
    name: "e2e",
    run: () => {
      const built = build();
      if (built !== 0) return built;
      fs.rmSync(path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e"), { recursive: true, force: true });
      return sh("npx", ["playwright", "test"], { CI: process.env.CI ?? "" });
    },
  },
  // People's journeys from a fresh `npm start` of their own, with the product's and the demo's
  // defaults only: no rows seeded, no outcomes injected (e2e/journeys, playwright.journeys.config.ts).
  {
    name: "journeys",
    run: () => {
      const built = build();
      if (built !== 0) return built;
      fs.rmSync(journeysDataDir(), { recursive: true, force: true });
      return sh("npx", ["playwright", "test", "-c", "playwright.journeys.config.ts"], { CI: process.env.CI ?? "" });
    },
  },
];

const selected = stages.filter(
  (s) =>
    !only ||
    only.includes(s.name) ||
    (only.includes("unit") && (s.name === "typecheck" || s.name === "lint" || s.name === "docs")),
);
const unknown = (only ?? []).filter((name) => !stages.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown stage ${unknown.join(", ")}; stages: ${stages.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
if (
  !preflight(
    selected.map((s) => s.name),
    { mayInstall: mayInstall(argv) },
  )
)
  process.exit(1);
let failed = 0;
const results: string[] = [];
for (const stage of selected) {
  const started = Date.now();
  console.log(`\n━━ ${stage.name} ━━`);
  const code = stage.run();
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  results.push(`${code === 0 ? "✓" : "✖"} ${stage.name} (${seconds} s)`);
  if (code !== 0) failed++;
}
console.log(`\n${results.join("\n")}`);
console.log(`stages: ${selected.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
