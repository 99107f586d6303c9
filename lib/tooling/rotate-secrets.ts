// `npm run secrets:rotate`: re-seal every stored secret with the current SWITCHYARD_SECRET_KEY.
// Keys and database: SWITCHYARD_SECRET_KEY / SWITCHYARD_SECRET_KEY_PREVIOUS and DATABASE_URL from
// the environment, else <data>/secrets.json and the embedded database of a running `npm start`.
// Exit code 0 when every secret is on the current key, 1 when some could not be opened.
import path from "node:path";
import { createPrismaClient } from "../db/create-client";
import { embeddedPostgresUrl } from "../db/embedded-postgres";
import { rotateSecrets } from "../crypto/rotate-secrets";
import { secretKeysFromEnv } from "../crypto/secret-box";
import { systemContext } from "../permissions";
import { loadOrCreateSecrets } from "./secrets-file";

async function main(): Promise<number> {
  const dataDir = path.resolve(process.env.SWITCHYARD_DATA_DIR ?? ".data");
  if (!process.env.SWITCHYARD_SECRET_KEY) {
    const secrets = loadOrCreateSecrets(dataDir);
    process.env.SWITCHYARD_SECRET_KEY = secrets.secretKey;
    process.env.SWITCHYARD_SECRET_KEY_PREVIOUS ??= secrets.previousSecretKeys.join(",");
  }
  const keys = secretKeysFromEnv();
  const url = process.env.DATABASE_URL ?? embeddedPostgresUrl(Number(process.env.SWITCHYARD_PG_PORT ?? 54329));
  const db = createPrismaClient(url, 2);
  try {
    const result = await rotateSecrets(db, systemContext("secrets-rotate"), keys);
    const name = (r: { kind: string; name: string }) => `${r.kind.replace("_", " ")} "${r.name}"`;
    console.log(
      `${result.resealed.length} secret(s) re-sealed with the current key, ${result.current} already on it (${keys.length - 1} previous key(s) given).`,
    );
    for (const r of result.resealed) console.log(`  re-sealed: ${name(r)}`);
    for (const r of result.unreadable)
      console.log(
        `  NOT READABLE with any given key: ${name(r)} (${r.id}): re-enter it, or add the key that sealed it to SWITCHYARD_SECRET_KEY_PREVIOUS`,
      );
    if (!result.unreadable.length)
      console.log("Every secret is on the current key: SWITCHYARD_SECRET_KEY_PREVIOUS can be removed.");
    return result.unreadable.length ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(2);
  },
);
