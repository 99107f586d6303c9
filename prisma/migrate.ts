// `npm run db:migrate`: apply pending migrations as the owner role (DATABASE_OWNER_URL, or
// DATABASE_URL when there is only one role), then grant the application role (DATABASE_URL's
// user) its privileges on every table, including the ones just added (docs/security.md).
import { migrate } from "../lib/db/migrate";
import { grantAppRole, roleOfUrl } from "../lib/db/app-role";

const appUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL || appUrl;
if (!ownerUrl) {
  console.error(
    "DATABASE_URL is not set. `npm start` runs the embedded database and migrates it for you; for an external PostgreSQL see docs/security.md.",
  );
  process.exit(1);
}
const applied = await migrate(ownerUrl, { log: console.log });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
if (appUrl && appUrl !== ownerUrl) {
  await grantAppRole(ownerUrl, roleOfUrl(appUrl));
  console.log(`granted the application role ${roleOfUrl(appUrl)} its privileges`);
} else {
  console.log("the app and migrations share one role: set DATABASE_OWNER_URL to separate them (docs/security.md)");
}
