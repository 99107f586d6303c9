// What `npm test` needs from the machine besides npm packages: the Debian packages whose programs
// its stages start, and a supported Node. Checked before the first stage, so a fresh machine stops
// at once with the command that fixes it instead of failing half-way through. CI (.ci/run) installs
// from this same list.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Environment variables (process.env, or a test's own). */
export type Env = Record<string, string | undefined>;

export type TestStage = "typecheck" | "docs" | "lint" | "unit" | "integration" | "chaos" | "e2e" | "journeys";

export interface SystemPackage {
  /** The Debian package that provides it. */
  debianPackage: string;
  /** The program the tests start: an absolute path, or a name looked up on PATH. */
  program: string;
  /** Stages that start it. */
  stages: readonly TestStage[];
  why: string;
}

export function systemPackages(env: Env = process.env): SystemPackage[] {
  return [
    {
      debianPackage: "haproxy",
      program: env.HAPROXY_BIN ?? "/usr/sbin/haproxy",
      stages: ["integration", "chaos"],
      why: "the HAProxy router adapter is tested against a real HAProxy",
    },
    {
      debianPackage: "nginx",
      program: env.NGINX_BIN ?? "/usr/sbin/nginx",
      stages: ["integration", "chaos"],
      why: "the NGINX router adapter is tested against a real NGINX",
    },
    {
      debianPackage: "prometheus",
      program: "/usr/bin/prometheus",
      stages: ["integration"],
      why: "Prometheus gates are tested against a real Prometheus",
    },
    {
      debianPackage: "openssl",
      program: "openssl",
      stages: ["integration"],
      why: "a test makes a private CA for an https model server",
    },
    {
      debianPackage: "chromium",
      program: env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      stages: ["e2e", "journeys"],
      why: "Playwright drives Debian's Chromium",
    },
  ];
}

/** The packages `stages` need whose program isn't there. */
export function missingPackages(
  stages: readonly TestStage[],
  isInstalled: (program: string) => boolean = programExists,
  env: Env = process.env,
): SystemPackage[] {
  return systemPackages(env).filter((p) => p.stages.some((s) => stages.includes(s)) && !isInstalled(p.program));
}

/** The exact command that installs `packages` (with sudo unless running as root). */
export function installCommand(packages: readonly SystemPackage[], asRoot = isRoot()): string {
  const sudo = asRoot ? "" : "sudo ";
  const names = [...new Set(packages.map((p) => p.debianPackage))].join(" ");
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names}`;
}

/**
 * Why this Node can't run the tests, or null. `engines` in package.json is the rule: a list of
 * `^major.minor.patch` ranges joined by `||` (the only form this project uses).
 */
export function unsupportedNode(version: string, engines: string): string | null {
  const [major, minor, patch] = version.replace(/^v/, "").split(".").map(Number);
  const ok = engines.split("||").some((range) => {
    const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
    if (!m) return false;
    const [, rMajor, rMinor, rPatch] = m.map(Number);
    return major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch));
  });
  return ok ? null : `Node ${version} is not supported: package.json engines says ${engines}.`;
}

export function programExists(program: string): boolean {
  if (program.includes("/")) return isExecutable(program);
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, program)));
}

/** Installs `packages` with apt-get (root only); true when every program is there afterwards. */
export function installPackages(packages: readonly SystemPackage[]): boolean {
  const names = [...new Set(packages.map((p) => p.debianPackage))];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit", env }).status === 0;
  if (!run(["update", "-qq"]) || !run(["install", "-y", "-qq", "--no-install-recommends", ...names])) return false;
  return packages.every((p) => programExists(p.program));
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
