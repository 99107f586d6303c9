import "server-only";
import { createPrismaClient, type PrismaClient } from "./db/create-client";

// One client per process; reused across hot reloads in development.
const globalForDb = globalThis as unknown as { switchyardDb?: PrismaClient };

export const db: PrismaClient = globalForDb.switchyardDb ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForDb.switchyardDb = db;
