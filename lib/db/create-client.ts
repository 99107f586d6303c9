// Prisma Client 7 through the node-postgres driver adapter (no query-engine binary needed).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type { PrismaClient };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(
  url = process.env.DATABASE_URL,
  poolSize = Number(process.env.DB_POOL_SIZE ?? 10),
  /** Server-side session limits, e.g. the controller's idle-in-transaction timeout. */
  session: { idleInTransactionTimeoutMs?: number } = {},
): PrismaClient {
  if (!url) throw new Error("DATABASE_URL is not set");
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSize,
    ...(session.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: session.idleInTransactionTimeoutMs }
      : {}),
  });
  return new PrismaClient({ adapter });
}
