// Runs `prisma generate` offline. Prisma 7's CLI insists on a schema-engine binary it would
// download, though generate never uses it: pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies the check without the network.
import { spawnSync } from "node:child_process";

const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
