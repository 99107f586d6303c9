// How much traffic a system's routers serve now, from system_traffic (every router batch, with or
// without a rollout): what the wizard plans sample times with, and what "about M min at the
// current rate" rests on before a rollout starts. Takes the client (no "server-only").
import type { PrismaClient, Tx } from "../db/create-client";

/**
 * Requests per second over the last `minutes` whole 10 s buckets before `now` (the current,
 * partial bucket is left out). Null when the routers reported nothing in that window.
 */
export async function observedRequestRate(
  db: PrismaClient | Tx,
  systemId: string,
  { now = new Date(), minutes = 5 }: { now?: Date; minutes?: number } = {},
): Promise<{ perSecond: number; windowSeconds: number } | null> {
  const end = new Date(Math.floor(now.getTime() / 10_000) * 10_000);
  const start = new Date(end.getTime() - minutes * 60_000);
  const rows = await db.systemTraffic.groupBy({
    by: ["systemId"],
    where: { systemId, bucketStart: { gte: start, lt: end } },
    _sum: { requests: true },
  });
  const requests = Number(rows[0]?._sum.requests ?? 0);
  if (requests === 0) return null;
  const windowSeconds = (end.getTime() - start.getTime()) / 1000;
  return { perSecond: requests / windowSeconds, windowSeconds };
}
