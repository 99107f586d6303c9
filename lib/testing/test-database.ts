// A fresh, migrated database per test file, cloned from the template made by global-setup.ts.
import crypto from "node:crypto";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../db/create-client";
import { TEMPLATE_DB, withDatabase } from "./global-setup";

export interface TestDatabase {
  url: string;
  name: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env.SWITCHYARD_TEST_SERVER_URL;
  if (!url)
    throw new Error(
      "integration tests need lib/testing/global-setup.ts (run them with `npx vitest run --project integration`)",
    );
  return url;
}

export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `switchyard_t_${crypto.randomBytes(5).toString("hex")}`;
  await adminQuery(
    server,
    options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`,
  );
  const url = withDatabase(server, name);
  const db = createPrismaClient(url, 5);
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
