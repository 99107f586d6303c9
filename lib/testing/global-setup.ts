// Vitest global setup for integration tests: one PostgreSQL for the run (the one in
// DATABASE_URL, or an ephemeral embedded one), with a migrated template database that each
// test file clones (CREATE DATABASE ... TEMPLATE) for isolation.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import exitHook from "async-exit-hook";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { freePort } from "./free-port";

export const TEMPLATE_DB = "switchyard_test_template";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0):
// once vitest had set exit code 1 for a failed test, that turned the run into a success. The
// database is stopped by teardown() below, so its exit hooks are taken off altogether.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

let embedded: EmbeddedDatabase | undefined;

export async function setup() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dir: path.join(os.tmpdir(), `switchyard-test-pg-${process.pid}`),
      port: await freePort(),
      ephemeral: true,
    });
    url = embedded.url;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(withDatabase(url, TEMPLATE_DB));
  process.env.SWITCHYARD_TEST_SERVER_URL = url;
}

export async function teardown() {
  await embedded?.stop();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
