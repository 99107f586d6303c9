// The controller leader's fencing token. Every router write carries it; routers refuse a write
// whose epoch is lower than the highest they have seen, so a deposed leader can't push. The
// controller's own transactions check it too (assertLeaseInTx): a deposed leader writes nothing.
import type { PrismaClient, Tx } from "../db/create-client";

export const LEASE_NAME = "controller";

export async function currentEpoch(db: PrismaClient): Promise<number> {
  const lease = await db.controllerLease.findUnique({ where: { name: LEASE_NAME }, select: { epoch: true } });
  return lease ? Number(lease.epoch) : 0;
}

export class FencedError extends Error {
  constructor(epoch: number, now: number | null) {
    super(
      now === null
        ? `The controller lease (epoch ${epoch}) has run out: not leading any more.`
        : `Another controller leads now (epoch ${now}, ours ${epoch}): this one writes nothing.`,
    );
    this.name = "FencedError";
  }
}

/** Fails unless the lease still has this epoch and has not run out. Locks the lease row for the
 * rest of the transaction (shared), so a takeover waits for it and is seen by everything after. */
export async function assertLeaseInTx(tx: Tx, epoch: number): Promise<void> {
  const rows = await tx.$queryRaw<{ epoch: bigint; valid: boolean }[]>`
    SELECT epoch, expires_at > now() AS valid FROM controller_leases WHERE name = ${LEASE_NAME} FOR SHARE`;
  const lease = rows[0];
  if (!lease || Number(lease.epoch) !== epoch) throw new FencedError(epoch, lease ? Number(lease.epoch) : 0);
  if (!lease.valid) throw new FencedError(epoch, null);
}

/** The same check outside a transaction, before a router push. */
export async function assertLease(db: PrismaClient, epoch: number): Promise<void> {
  await db.$transaction((tx) => assertLeaseInTx(tx, epoch));
}
