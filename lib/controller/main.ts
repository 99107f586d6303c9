// The controller process: `npx tsx lib/controller/main.ts` (started by `npm start`).
// One leader at a time: a lease row with a deadline, renewed by the leader (lib/controller/leader.ts),
// whose epoch fences its router pushes and its transactions. It reacts at once to commands
// (LISTEN switchyard_rollouts) and ticks for time-based steps, analysis intervals, router retries
// and notification delivery. All state lives in Postgres: killed at any moment, a restarted
// controller computes the same intents from the same rows and carries on.
import os from "node:os";
import { createPrismaClient } from "../db/create-client";
import { systemContext } from "../permissions";
import { deliverPendingNotifications } from "../notifications/deliver-pending";
import { ROLLOUT_CHANNEL } from "../rollouts/transition-rollout";
import { tryBecomeLeader, renewLease, LEASE_SECONDS, type Leadership } from "./leader";
import { pushRoutingToRouter } from "../rollouts/push-routing";
import { controllerTick, driveOne } from "./tick";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const holderId = process.env.CONTROLLER_ID ?? `${os.hostname()}-${process.pid}`;
const tickMs = Number(process.env.CONTROLLER_TICK_MS ?? 1_000);
// A transaction left open by a frozen leader is ended by the server well within the lease, so
// the locks it holds never stop the next leader.
const db = createPrismaClient(databaseUrl, 5, { idleInTransactionTimeoutMs: Math.max(1_000, LEASE_SECONDS * 500) });
const standbyPollMs = Math.min(2_000, LEASE_SECONDS * 250);
const ctx = systemContext("controller");
let stopping = false;
let leader: Leadership | null = null;

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ t: new Date().toISOString(), controller: holderId, msg, ...extra }));

async function main() {
  while (!stopping) {
    leader = await tryBecomeLeader(databaseUrl!, holderId).catch((e) => {
      log("database unreachable", { error: String(e) });
      return null;
    });
    if (!leader) {
      await sleep(standbyPollMs);
      continue;
    }
    log("leading", { epoch: leader.epoch });
    // Losing the database while leading (or just after winning) ends this term, never the process:
    // the loop goes back to standing by and retries until the database answers again.
    const ended = await lead(leader).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await leader.release().catch(() => {});
    log("lost leadership", ended ? { error: ended } : {});
  }
}

async function lead(me: Leadership) {
  const queue = new Set<string>();
  let wake: () => void = () => {};
  await me.client.query(`LISTEN ${ROLLOUT_CHANNEL}`);
  me.client.on("notification", (n) => {
    if (n.payload) queue.add(n.payload);
    wake();
  });
  // Every router learns the new epoch first: from now on it refuses whatever a deposed leader
  // (frozen, then resumed) still tries to push.
  for (const r of await db.router.findMany({ select: { id: true } }))
    await pushRoutingToRouter(db, { routerId: r.id, epoch: me.epoch }).catch(() => {});
  let lastRenew = Date.now();
  let lastNotify = 0;
  while (!stopping && me.isAlive()) {
    const started = Date.now();
    try {
      if (started - lastRenew > (LEASE_SECONDS * 1000) / 3) {
        lastRenew = started;
        if (!(await renewLease(me, holderId))) break;
      }
      for (const id of [...queue]) {
        if (!me.isAlive()) break;
        queue.delete(id);
        await driveOne(db, { rolloutId: id, ctx, epoch: me.epoch, log, fenced: true });
      }
      if (!me.isAlive()) break;
      await controllerTick(db, { ctx, epoch: me.epoch, log, fenced: true });
      if (started - lastNotify > 3_000) {
        lastNotify = started;
        await deliverPendingNotifications(db, { now: new Date(), limit: 50 }).catch((e) =>
          log("notification delivery failed", { error: String(e) }),
        );
      }
    } catch (error) {
      log("tick failed", { error: error instanceof Error ? error.message : String(error) });
    }
    if (queue.size === 0)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(50, tickMs - (Date.now() - started)));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function shutdown() {
  stopping = true;
  await leader?.release();
  await db.$disconnect().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
main().catch((e) => {
  log("controller crashed", { error: String(e) });
  process.exit(1);
});
