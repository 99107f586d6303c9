import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadDatamodel } from "../tooling/dmmf";
import { migrate, MigrationChecksumError, readMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";

const PG_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
};

describe("migrations", () => {
  let t: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    t = await createTestDatabase({ empty: true });
    // Two processes migrating at once: the advisory lock lets one apply, the other finds it done.
    const [a, b] = await Promise.all([migrate(t.url), migrate(t.url)]);
    expect([...a, ...b].sort()).toEqual(readMigrations().map((m) => m.name));
    client = new pg.Client({ connectionString: t.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await t?.drop();
  });

  it("records every migration in _prisma_migrations like Prisma Migrate", async () => {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations().map((m) => m.name));
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
    expect(await migrate(t.url)).toEqual([]);
  });

  it("has every model and column of the schema with the right type and nullability", async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const dm = loadDatamodel();
    let checked = 0;
    for (const model of dm.models) {
      const table = model.dbName ?? model.name;
      for (const f of model.fields.filter((x) => x.kind !== "object")) {
        const name = `${table}.${f.dbName ?? f.name}`;
        const col = columns.get(name);
        expect(col, `${name} is missing`).toBeDefined();
        const expectedType = f.kind === "enum" ? f.type : PG_TYPES[f.type];
        if (f.isList) {
          expect(col!.data_type, name).toBe("ARRAY");
          expect(col!.udt_name, name).toBe(`_${f.kind === "enum" ? f.type : col!.udt_name.slice(1)}`);
        } else if (f.kind === "enum") {
          expect(col!.udt_name, name).toBe(expectedType);
        } else {
          expect(col!.data_type, name).toBe(expectedType);
        }
        expect(col!.is_nullable === "YES", `${name} nullability`).toBe(!f.isRequired && !f.isList);
        checked++;
      }
    }
    const schemaTables = new Set(dm.models.map((m) => m.dbName ?? m.name));
    const dbTables = new Set(rows.map((r) => r.table_name).filter((n) => n !== "_prisma_migrations"));
    expect([...dbTables].sort()).toEqual([...schemaTables].sort());
    expect(checked).toBeGreaterThan(150);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-migrations-"));
    fs.cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    const first = readMigrations(dir)[0]!.name;
    fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
    await expect(migrate(t.url, { dir })).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  it("rolls back a failing migration without recording it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sy-migrations-"));
    fs.cpSync(path.resolve("prisma/migrations"), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT no_such_function();`,
    );
    await expect(migrate(t.url, { dir })).rejects.toThrow(/29990101000000_broken failed/);
    const { rowCount } = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(rowCount).toBe(0);
  });

  it("refuses to update or delete audit events", async () => {
    await client.query(
      `INSERT INTO audit_events (actor_type, actor_label, action, entity_type, prev_hash, hash) VALUES ('system','test','test.run','test','0','h1')`,
    );
    await expect(client.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
