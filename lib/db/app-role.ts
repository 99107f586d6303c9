// Two database roles: the owner runs migrations and owns every table, function and trigger; the
// application role (web, controller) only reads and writes rows. The application role is no
// superuser and owns nothing, so it can't disable the append-only trigger on audit_events or the
// frozen-record trigger, drop the two-person CHECK constraints, TRUNCATE a table, or set
// session_replication_role to skip triggers. Run as the owner after every migration (grants
// cover the tables that migration added). No "server-only": used by `npm start`, `npm run
// db:migrate` and tests.
import pg from "pg";

/** The application role's privileges, granted by the owner. Idempotent. */
export function appRoleGrants(role: string): string[] {
  const r = quoteIdent(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    // Append-only by privilege as well as by trigger; no TRUNCATE anywhere (never granted).
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${r}`,
    // Only the migrate step (the owner) writes the migrations table; the app may read it.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
  ];
}

/** The user name in a postgres:// URL (the role a process connects as). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** Grants the application role its privileges, connected as the owner. */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const owner = (await client.query<{ u: string }>("SELECT current_user AS u")).rows[0]!.u;
    if (owner === role) throw new Error(`The application role (${role}) must not be the owner that runs migrations`);
    const found = await client.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = $1", [role]);
    if (!found.rows[0]) throw new Error(`Database role ${role} does not exist: create it first (docs/security.md)`);
    if (found.rows[0].rolsuper)
      throw new Error(`Database role ${role} is a superuser: the application role must not be`);
    await client.query("BEGIN");
    for (const sql of appRoleGrants(role)) await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Creates (or updates) a login role with no special attributes, as the owner of an embedded
 * cluster does for `npm start`; on an external Postgres a DBA does this (docs/security.md).
 * Returns the URL the application connects with.
 */
export async function ensureAppLoginRole(ownerUrl: string, role: string, password: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
    const verb = exists.rowCount ? "ALTER" : "CREATE";
    await client.query(`${verb} ROLE ${quoteIdent(role)} ${attributes} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
