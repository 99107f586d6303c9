import type { Tx } from "../db/create-client";

/** Serialises everything that changes one rollout (web commands and the controller) for the
 * rest of the transaction. */
export async function lockRollout(tx: Tx, rolloutId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"rollout:" + rolloutId}))`;
}
