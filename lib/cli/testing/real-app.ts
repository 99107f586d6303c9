// The real product for CLI tests and the recorded session: `npm start` (lib/tooling/start.ts) on
// free ports with its own data directory and embedded PostgreSQL, the built Next.js app, the
// controller, the built-in router, the demo model servers and demo traffic. Stopped with SIGTERM,
// which start.ts turns into an orderly stop of everything it started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../testing/free-port";
import { DEMO_PORTS } from "../../demo/demo-data";

export const REPO = path.resolve(import.meta.dirname, "../../..");

export interface RealApp {
  url: string;
  /** Where the demo's model servers answer: champion 1.4.0, challenger 1.5.0. */
  championServerUrl: string;
  challengerServerUrl: string;
  dataDir: string;
  log: () => string;
  stop(): Promise<void>;
}

/**
 * Builds the web app first when `.next` is missing or older than the code it serves (app/,
 * components/, lib/ outside tests and the CLI), so the test never runs a stale build.
 */
export function ensureBuilt(log: (line: string) => void = () => {}): void {
  const buildId = path.join(REPO, ".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const newer = newestSource();
  if (builtAt && builtAt >= newer) return;
  log(builtAt ? "web app build is older than the code: rebuilding" : "building the web app");
  const build = spawnSync("npx", ["next", "build"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

export async function startRealApp(options: { demoRps?: number } = {}): Promise<RealApp> {
  ensureBuilt();
  const port = await freePort();
  const offset = await freeOffset();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-cli-app-"));
  // PostgreSQL runs as its own user when we are root: it must be able to enter the directory.
  fs.chmodSync(dataDir, 0o755);
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/tooling/start.ts"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
    detached: false,
    env: {
      ...process.env,
      DATABASE_URL: "",
      PORT: String(port),
      NEXTAUTH_URL: url,
      SWITCHYARD_DATA_DIR: dataDir,
      SWITCHYARD_PORT_OFFSET: String(offset),
      SWITCHYARD_PG_PORT: String(await freePort()),
      SWITCHYARD_DEMO_RPS: String(options.demoRps ?? 2),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(30_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 240_000;
    while (!output.includes("Switchyard is up")) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up in 240 s:\n${output}`);
      await sleep(250);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    championServerUrl: `http://127.0.0.1:${DEMO_PORTS.championServer + offset}`,
    challengerServerUrl: `http://127.0.0.1:${DEMO_PORTS.challengerServer + offset}`,
    dataDir,
    log: () => output,
    stop,
  };
}

/** A port offset whose demo ports (model servers, router) are all free right now. */
async function freeOffset(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const offset = 20_000 + Math.floor(Math.random() * 2_000) * 10;
    const ports = Object.entries(DEMO_PORTS)
      .filter(([k]) => k !== "web")
      .map(([, p]) => p + offset);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return offset;
  }
  throw new Error("no free port offset for the demo services");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (["node_modules", "generated", "testing", "cli", ".next"].includes(e.name)) continue;
        walk(full);
      } else if (/\.(ts|tsx|css|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(REPO, dir));
  for (const f of ["next.config.js", "package.json", "postcss.config.mjs"]) {
    const full = path.join(REPO, f);
    if (fs.existsSync(full)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
