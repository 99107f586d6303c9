// Before `npm test` runs anything: is this Node supported, and are the programs its stages start
// installed? When one is missing it stops at once with the command that installs it, or installs
// it itself when it may (root, and CI or --install-system-packages).
//   npx tsx lib/tooling/preflight.ts [--install-system-packages]     check (and install) for every stage
import fs from "node:fs";
import path from "node:path";
import {
  installCommand,
  installPackages,
  isRoot,
  missingPackages,
  unsupportedNode,
  type Env,
  type TestStage,
} from "./system-packages";

const ALL_STAGES: TestStage[] = ["typecheck", "docs", "lint", "unit", "integration", "chaos", "e2e", "journeys"];

/** True when the machine can run `stages`; prints what is wrong (and how to fix it) otherwise. */
export function preflight(stages: readonly TestStage[], options: { mayInstall: boolean }): boolean {
  const engines = readEngines();
  const nodeProblem = unsupportedNode(process.version, engines);
  if (nodeProblem) {
    console.error(`✖ ${nodeProblem}`);
    return false;
  }
  const missing = missingPackages(stages);
  if (missing.length === 0) return true;
  const list = missing.map((p) => `  - ${p.debianPackage} (${p.program}): ${p.why}`).join("\n");
  if (options.mayInstall && isRoot()) {
    console.log(`Installing what the tests need:\n${list}`);
    if (installPackages(missing)) return true;
    console.error("✖ apt-get could not install them.");
    return false;
  }
  console.error(
    `✖ The tests need programs this machine doesn't have:\n${list}\n\nInstall them with:\n  ${installCommand(missing)}\n` +
      `then run npm test again (or run one stage that doesn't need them: npm test -- --only unit).`,
  );
  return false;
}

/** Installing is allowed for root in CI, or when asked for. */
export function mayInstall(argv: readonly string[], env: Env = process.env): boolean {
  return argv.includes("--install-system-packages") || env.CI === "true";
}

function readEngines(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8"));
  return String(pkg.engines?.node ?? "");
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  process.exit(preflight(ALL_STAGES, { mayInstall: mayInstall(process.argv.slice(2)) }) ? 0 : 1);
}
