// Leader election. The lease is a row (controller_leases) with a deadline that only the leader
// renews; the epoch in it only grows and fences everything the leader does (routers refuse an older
// epoch, the controller's transactions check it). A standby takes the lease once its deadline has
// passed, even when the old leader's connection is still open (a frozen process keeps it open for
// as long as it is frozen). The advisory lock is only a fast path: a standby holding it, with no
// live connection of the recorded holder, takes over at once instead of waiting for the deadline
// (a leader that died, rather than hung).
import pg from "pg";
import { LEASE_NAME } from "./epoch";

const LEADER_LOCK_KEY = 4_242_002;

/** Lease length; the leader renews every third of it. `CONTROLLER_LEASE_SECONDS` overrides. */
export const LEASE_SECONDS = Number(process.env.CONTROLLER_LEASE_SECONDS ?? 15);

export interface Leadership {
  epoch: number;
  client: pg.Client;
  /** True while the lease's connection is alive and, by this process's clock, the lease has not
   * run out since it was last renewed. Past that, this process must not act as leader. */
  isAlive(): boolean;
  /** Local time (ms) until which this process may act as leader. */
  validUntil: number;
  release(): Promise<void>;
}

export function applicationName(holderId: string) {
  return `switchyard-controller-${holderId}`.slice(0, 63);
}

export async function tryBecomeLeader(
  databaseUrl: string,
  holderId: string,
  leaseSeconds = LEASE_SECONDS,
): Promise<Leadership | null> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName(holderId) });
  let connected = true;
  client.on("error", () => {
    connected = false;
  });
  client.on("end", () => {
    connected = false;
  });
  await client.connect();
  const asked = Date.now();
  const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
    LEADER_LOCK_KEY,
  ]);
  const locked = lock[0]?.ok === true;
  const lease = await client.query<{ epoch: string }>(
    `INSERT INTO controller_leases (name, holder_id, epoch, renewed_at, expires_at)
     VALUES ($1, $2, 1, now(), now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE
       SET holder_id = $2, epoch = controller_leases.epoch + 1, renewed_at = now(),
           expires_at = now() + make_interval(secs => $3)
       WHERE controller_leases.expires_at < now()
          OR ($4::boolean AND NOT EXISTS (
                SELECT 1 FROM pg_stat_activity
                 WHERE application_name = left('switchyard-controller-' || controller_leases.holder_id, 63)
                   AND pid <> pg_backend_pid()))
     RETURNING epoch`,
    [LEASE_NAME, holderId, leaseSeconds, locked],
  );
  if (!lease.rows[0]) {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [LEADER_LOCK_KEY]).catch(() => {});
    await client.end();
    return null;
  }
  const leadership: Leadership = {
    epoch: Number(lease.rows[0].epoch),
    client,
    validUntil: asked + leaseSeconds * 1000,
    isAlive: () => connected && Date.now() < leadership.validUntil,
    release: async () => {
      connected = false;
      await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
      await client.end().catch(() => {});
    },
  };
  return leadership;
}

/** Renews the lease row if it is still ours (same holder, same epoch); false once someone took it.
 * The local deadline moves from when the renewal was asked, so a slow answer never extends it. */
export async function renewLease(leader: Leadership, holderId: string, leaseSeconds = LEASE_SECONDS): Promise<boolean> {
  const asked = Date.now();
  const { rowCount } = await leader.client.query(
    `UPDATE controller_leases SET renewed_at = now(), expires_at = now() + make_interval(secs => $3)
      WHERE name = $1 AND holder_id = $2 AND epoch = $4`,
    [LEASE_NAME, holderId, leaseSeconds, leader.epoch],
  );
  if (rowCount !== 1) return false;
  leader.validUntil = asked + leaseSeconds * 1000;
  // Take the fast-path lock too if a frozen predecessor held it and has let go since.
  await leader.client.query("SELECT pg_try_advisory_lock($1)", [LEADER_LOCK_KEY]).catch(() => {});
  return true;
}
