import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testServerUrl, type TestDatabase } from "../testing/test-database";
import { createPrismaClient, type PrismaClient } from "./create-client";
import { ensureAppLoginRole, grantAppRole } from "./app-role";
import { systemContext } from "../permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { verifyChain, withChainQuery } from "../audit/verify-chain";

// The application role `npm start` gives web and the controller, set up the way it does it
// (ensureAppLoginRole + grantAppRole, as the owner, after migrating): it does its work, and every
// way the issue found to get past the audit table's trigger and the two-person constraints is
// refused to it.
let t: TestDatabase;
let app: pg.Client;
let appDb: PrismaClient;
let appUrl: string;
const role = `switchyard_app_${crypto.randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  t = await createTestDatabase();
  appUrl = await ensureAppLoginRole(t.url, role, crypto.randomBytes(16).toString("hex"));
  await grantAppRole(t.url, role);
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  appDb = createPrismaClient(appUrl, 2);
});

afterAll(async () => {
  await app?.end();
  await appDb?.$disconnect();
  await t?.drop();
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  await server.query(`DROP ROLE IF EXISTS "${role}"`);
  await server.end();
});

describe("the application database role", () => {
  it("is no superuser and owns no table, function or trigger", async () => {
    const me = await app.query(`SELECT current_user AS u, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls
                                FROM pg_roles WHERE rolname = current_user`);
    expect(me.rows[0]).toEqual({
      u: role,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
    });
    const owned = await app.query(
      `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int
            + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)::int AS n
       FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(owned.rows[0].n).toBe(0);
  });

  it("does the app's work: writes audited changes through Prisma and verifies the chain", async () => {
    const system = await appDb.$transaction(async (tx) => {
      const s = await tx.system.create({
        data: {
          slug: "role-check",
          name: "Role check",
          mirrorSafeRoutes: [],
          environments: { create: { name: "production" } },
        },
      });
      await writeAuditEvent(tx, systemContext("test"), {
        action: "system.create",
        entityType: "system",
        entityId: s.id,
        after: s,
      });
      return s;
    });
    expect(system.slug).toBe("role-check");
    expect(await withChainQuery(verifyChain, appUrl)).toMatchObject({ ok: true, checked: 1 });
  });

  it("can't skip triggers with session_replication_role", async () => {
    await expect(app.query("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
    await app.query("BEGIN");
    await expect(app.query("SET LOCAL session_replication_role = replica")).rejects.toThrow(/permission denied/);
    await app.query("ROLLBACK");
  });

  it("can't disable the audit table's trigger or the frozen-record trigger", async () => {
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")).rejects.toThrow(
      /must be owner/,
    );
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER ALL")).rejects.toThrow(/must be owner/);
    await expect(app.query("ALTER TABLE deployment_records DISABLE TRIGGER deployment_records_frozen")).rejects.toThrow(
      /must be owner/,
    );
  });

  it("can't drop the two-person constraints", async () => {
    await expect(
      app.query("ALTER TABLE rollback_requests DROP CONSTRAINT rollback_requests_two_person_check"),
    ).rejects.toThrow(/must be owner/);
    await expect(app.query("DROP TRIGGER approvals_not_by_author ON approvals")).rejects.toThrow(/must be owner/);
  });

  it("can't TRUNCATE, UPDATE or DELETE audit events", async () => {
    await expect(app.query("TRUNCATE audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("TRUNCATE rollouts CASCADE")).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(
      app.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', 'x')`),
    ).rejects.toThrow(/permission denied/);
  });

  it("the owner still can (so the refusals above are the role's, not the database's)", async () => {
    const owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    await owner.query("BEGIN");
    await owner.query("SET LOCAL session_replication_role = replica");
    await owner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
    await owner.query("ROLLBACK");
    await owner.end();
  });

  it("refuses to treat a superuser or the owner itself as the application role", async () => {
    await expect(grantAppRole(t.url, new URL(t.url).username)).rejects.toThrow(/must not be the owner/);
    await expect(grantAppRole(t.url, "no_such_role_here")).rejects.toThrow(/does not exist/);
  });
});
