import "server-only";
import { createPrismaClient, type PrismaClient } from "./db/create-client";

// One client per process, created on first use (so `next build` needs no database), and
// reused across hot reloads in development.
const globalForDb = globalThis as unknown as { switchyardDb?: PrismaClient };

function client(): PrismaClient {
  globalForDb.switchyardDb ??= createPrismaClient();
  return globalForDb.switchyardDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
