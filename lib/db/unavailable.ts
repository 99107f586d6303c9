// Whether an error means "the database can't be reached right now" (down, restarting, network
// gone), as opposed to a bug or a refused query. Such errors become 503 + Retry-After everywhere
// (API problem+json, pages, server actions) instead of 500: the request changed nothing (its
// transaction never committed) and can simply be tried again. Pure; no "server-only".

/** Seconds a client should wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_MESSAGE =
  "Switchyard can't reach its database right now, so nothing was changed. Try again in a few seconds.";

// Prisma: can't reach server, timed out reaching it, server closed the connection, pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// Node socket errors on the way to the server.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
// PostgreSQL SQLSTATE: admin shutdown, crash shutdown, cannot connect now (starting up / recovery).
const PG_CODES = new Set(["57P01", "57P02", "57P03"]);
const MESSAGES =
  /can't reach database server|connection terminated|server closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|timed out fetching a new connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === "PrismaClientInitializationError") return true;
    if (typeof code === "string") {
      if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || PG_CODES.has(code)) return true;
      // SQLSTATE class 08: connection exception.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (typeof message === "string" && MESSAGES.test(message)) return true;
  }
  return false;
}
