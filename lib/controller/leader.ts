// Leader election: a session-level Postgres advisory lock held on a dedicated connection. The
// holder bumps the lease epoch (monotonic fencing token); if its connection dies, Postgres frees
// the lock and a standby takes over with a higher epoch, so the old leader's pushes are refused.
import pg from "pg";
import { LEASE_NAME } from "./epoch";

const LEADER_LOCK_KEY = 4_242_002;

export interface Leadership {
  epoch: number;
  client: pg.Client;
  /** True while the lock's connection is alive. */
  isAlive(): boolean;
  release(): Promise<void>;
}

export async function tryBecomeLeader(
  databaseUrl: string,
  holderId: string,
  leaseSeconds = 15,
): Promise<Leadership | null> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: `switchyard-controller-${holderId}`,
  });
  let alive = true;
  client.on("error", () => {
    alive = false;
  });
  client.on("end", () => {
    alive = false;
  });
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LEADER_LOCK_KEY]);
  if (!rows[0]?.ok) {
    await client.end();
    return null;
  }
  const lease = await client.query<{ epoch: string }>(
    `INSERT INTO controller_leases (name, holder_id, epoch, renewed_at, expires_at)
     VALUES ($1, $2, 1, now(), now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE SET holder_id = $2, epoch = controller_leases.epoch + 1, renewed_at = now(), expires_at = now() + make_interval(secs => $3)
     RETURNING epoch`,
    [LEASE_NAME, holderId, leaseSeconds],
  );
  return {
    epoch: Number(lease.rows[0]!.epoch),
    client,
    isAlive: () => alive,
    release: async () => {
      alive = false;
      await client.query("SELECT pg_advisory_unlock($1)", [LEADER_LOCK_KEY]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/** Renews the visible lease row (for the UI: who leads, since when) and checks we still lead. */
export async function renewLease(leader: Leadership, holderId: string, leaseSeconds = 15): Promise<boolean> {
  if (!leader.isAlive()) return false;
  const { rowCount } = await leader.client.query(
    `UPDATE controller_leases SET renewed_at = now(), expires_at = now() + make_interval(secs => $3) WHERE name = $1 AND holder_id = $2 AND epoch = $4`,
    [LEASE_NAME, holderId, leaseSeconds, leader.epoch],
  );
  return rowCount === 1;
}
