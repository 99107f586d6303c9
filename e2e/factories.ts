// Factories that seed e2e data through Prisma into the e2e server's embedded PostgreSQL.
import { createPrismaClient, type PrismaClient } from "../lib/db/create-client";
import { seedRollout, type SeedRolloutOptions, type SeededRollout } from "../lib/analysis/testing-rollout";

import { E2E_DATABASE_URL } from "./env";

export { E2E_DATABASE_URL };

export function e2eDb(): PrismaClient {
  return createPrismaClient(E2E_DATABASE_URL, 2);
}

export const rollouts = {
  /** A paused rollout (so the e2e controller leaves it alone; unique name) whose weights every router has applied. */
  create(db: PrismaClient, opts: SeedRolloutOptions = {}): Promise<SeededRollout> {
    return seedRollout(db, { name: `E2E analysis ${Date.now().toString(36)}`, status: "paused", ...opts });
  },
};

/** Router report cells for the last `buckets` 10 s buckets of two variants. */
export function routerCells(opts: {
  buckets: number;
  champion: { requests: number; errors: number; ms: number };
  challenger: { requests: number; errors: number; ms: number };
  segment?: string;
}) {
  const end = Math.floor(Date.now() / 10_000) * 10_000;
  const bucketIndex = (ms: number) =>
    [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].findIndex((b) => ms <= b);
  const cells = [];
  for (let b = 1; b <= opts.buckets; b++) {
    for (const [variant, arm] of [
      ["champion", opts.champion],
      ["challenger", opts.challenger],
    ] as const) {
      const latencyBuckets = new Array(14).fill(0);
      latencyBuckets[bucketIndex(arm.ms)] = arm.requests;
      cells.push({
        variant,
        segment: opts.segment ?? "billing",
        bucketStart: new Date(end - b * 10_000).toISOString(),
        requests: arm.requests,
        errors: arm.errors,
        latencySumMs: arm.requests * arm.ms,
        latencyBuckets,
        mirrored: 0,
        agreements: 0,
        predictions: variant === "champion" ? { billing: 8, account: 2 } : { billing: 6, account: 4 },
      });
    }
  }
  return cells;
}
