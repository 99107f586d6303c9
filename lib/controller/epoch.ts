// The controller leader's fencing token. Every router write carries it; routers refuse a write
// whose epoch is lower than the highest they have seen, so a deposed leader can't push.
import type { PrismaClient } from "../db/create-client";

export const LEASE_NAME = "controller";

export async function currentEpoch(db: PrismaClient): Promise<number> {
  const lease = await db.controllerLease.findUnique({ where: { name: LEASE_NAME }, select: { epoch: true } });
  return lease ? Number(lease.epoch) : 0;
}
