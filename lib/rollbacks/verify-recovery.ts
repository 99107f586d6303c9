// Seed 001 step 3 on real data: the champion's rollups before and after the rollback.
import type { PrismaClient } from "../db/create-client";
import { NotFoundError } from "../errors";
import { compareRecovery, type RecoveryResult, type TrafficSample } from "./recovery";

export type RecoveryReport =
  (RecoveryResult & { rolledBackAt: string; champion: string }) | { verdict: "not_rolled_back"; summary: string };

/**
 * Compares the champion's error rate and p95 since the rollback with its baseline (the champion
 * during the rollout, before the rollback), over all segments. After the rollback the routers
 * serve the champion alone, outside any rollout, so "since" is the system's own traffic
 * (system_traffic) from the first whole 10 s bucket after the rollback. Read-only.
 */
export async function verifyRecovery(
  db: Pick<PrismaClient, "rollout" | "metricRollup" | "systemTraffic">,
  rolloutId: string,
): Promise<RecoveryReport> {
  const rollout = await db.rollout.findUnique({
    where: { id: rolloutId },
    select: {
      status: true,
      endedAt: true,
      systemId: true,
      variants: { select: { key: true, role: true } },
      rollbackRequests: {
        where: { status: "executed" },
        orderBy: { executedAt: "desc" },
        take: 1,
        select: { executedAt: true },
      },
    },
  });
  if (!rollout) throw new NotFoundError("No such rollout.");
  const rolledBackAt = rollout.rollbackRequests[0]?.executedAt ?? rollout.endedAt;
  if (rollout.status !== "rolled_back" || !rolledBackAt)
    return { verdict: "not_rolled_back", summary: "This rollout has not been rolled back." };
  const champion = rollout.variants.find((v) => v.role === "champion")?.key ?? "champion";
  const [rows, since] = await Promise.all([
    db.metricRollup.findMany({
      where: { rolloutId, variant: champion, segment: "*", bucketStart: { lt: rolledBackAt } },
      select: { bucketStart: true, requests: true, errors: true, latencyBuckets: true },
    }),
    db.systemTraffic.findMany({
      // The champion, under its key in the rollout or in the system's own config ("champion").
      where: {
        systemId: rollout.systemId,
        variant: { in: [champion, "champion"] },
        bucketStart: { gte: rolledBackAt },
      },
      select: { bucketStart: true, requests: true, errors: true, latencyBuckets: true },
    }),
  ]);
  const baseline = empty();
  const after = empty();
  for (const row of rows) add(baseline, row);
  for (const row of since) add(after, row);
  return { ...compareRecovery(baseline, after), rolledBackAt: rolledBackAt.toISOString(), champion };
}

function empty(): TrafficSample {
  return { requests: 0, errors: 0, latencyBuckets: [] };
}

function add(into: TrafficSample, row: { requests: bigint; errors: bigint; latencyBuckets: bigint[] }) {
  into.requests += Number(row.requests);
  into.errors += Number(row.errors);
  row.latencyBuckets.forEach((n, i) => (into.latencyBuckets[i] = (into.latencyBuckets[i] ?? 0) + Number(n)));
}
