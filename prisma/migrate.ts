// `npm run db:migrate`: apply pending migrations to DATABASE_URL.
import { migrate } from "../lib/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm start` runs the embedded database and migrates it for you.");
  process.exit(1);
}
const applied = await migrate(url, { log: console.log });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
