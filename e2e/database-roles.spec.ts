import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_DATABASE_URL } from "./env";

// `npm start` runs web and the controller as the application role, not as the owner that ran the
// migrations: every session the running product holds is switchyard_app, which is no superuser
// and owns nothing (what that role is refused is tested in lib/db/app-role.int.test.ts).
test("the running product connects to its database as the application role, which owns nothing", async ({
  request,
}) => {
  expect((await request.get("/api/v1/status")).ok()).toBe(true); // web has used its pool
  const owner = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await owner.connect();
  try {
    const sessions = await owner.query<{ usename: string; application_name: string }>(
      `SELECT usename, application_name FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    const roles = new Set(sessions.rows.map((s) => s.usename));
    expect([...roles]).toEqual(["switchyard_app"]);
    expect(sessions.rows.some((s) => s.application_name.startsWith("switchyard-controller"))).toBe(true);
    const role = await owner.query(
      `SELECT rolsuper, (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
       FROM pg_roles r WHERE rolname = 'switchyard_app'`,
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, owned: 0 });
  } finally {
    await owner.end();
  }
});
