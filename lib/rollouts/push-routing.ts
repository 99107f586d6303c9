// Pushes a system's desired routing to its routers: stamp a per-router version and the leader
// epoch, apply through the adapter (which reads back and compares), then record the outcome.
// Never inside a database transaction. A failure is recorded and retried with backoff by the
// controller; the desired state is never lost.
import type { PrismaClient } from "../db/create-client";
import { RouterError, type RoutingConfig } from "../routers/types";
import { createRouterAdapter, routerTargetFromRow } from "../routers/registry";
import { currentEpoch } from "../controller/epoch";
import { buildRoutingConfig, type DesiredRouting } from "./build-routing-config";
import { UnroutableSystemError } from "./routing-invariant";
import { jsonColumn } from "../db/json-column";

export interface PushResult {
  routerId: string;
  routerName: string;
  ok: boolean;
  version: number;
  error?: string;
  ms: number;
}

const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/** A rollout that just ended (abort, rollback, completion): its last change is what the routers
 * now serve, though the system config no longer names the rollout. */
export interface Settle {
  rolloutId: string;
  configVersion: number;
}

export async function pushSystemRouting(
  db: PrismaClient,
  { systemId, epoch, settle }: { systemId: string; epoch?: number; settle?: Settle },
): Promise<PushResult[]> {
  // Everything a push needs, in one parallel round: every router's next version (one statement),
  // the desired routing (built once for all routers) and the epoch.
  const [routers, built, e] = await Promise.all([
    db.router.updateManyAndReturn({ where: { systemId }, data: { desiredVersion: { increment: 1 } } }),
    // A system that can't be routed (UnroutableSystemError) is a recorded failure on each router.
    buildRoutingConfig(db, { systemId }).catch((error: unknown) => asError(error)),
    epoch ?? currentEpoch(db),
  ]);
  const results = await Promise.all(
    routers.map((r) => pushRoutingToRouter(db, { routerId: r.id, epoch: e, settle, prepared: { router: r, built } })),
  );
  return results;
}

type RouterRow = Awaited<ReturnType<PrismaClient["router"]["update"]>>;

export async function pushRoutingToRouter(
  db: PrismaClient,
  {
    routerId,
    epoch,
    settle,
    prepared,
  }: {
    routerId: string;
    epoch?: number;
    settle?: Settle;
    prepared?: { router: RouterRow; built: DesiredRouting | Error };
  },
): Promise<PushResult> {
  const started = performance.now();
  let router: RouterRow;
  let built: DesiredRouting | Error;
  let e: number;
  if (prepared) {
    ({ router, built } = prepared);
    e = epoch ?? (await currentEpoch(db));
  } else {
    [router, e] = await Promise.all([
      db.router.update({ where: { id: routerId }, data: { desiredVersion: { increment: 1 } } }),
      epoch ?? currentEpoch(db),
    ]);
    built = await buildRoutingConfig(db, { systemId: router.systemId }).catch((error: unknown) => asError(error));
  }
  if (built instanceof Error) return recordUnbuildable(db, router, built, started);
  const desired =
    built.rolloutId || !settle
      ? built
      : { ...built, rolloutId: settle.rolloutId, rolloutConfigVersion: settle.configVersion };
  // The desired config is stored with the outcome below, so nothing but the version bump
  // stands between the command's commit and the router.
  let config: RoutingConfig = { ...desired.config, version: router.desiredVersion, epoch: e };
  try {
    // Inside the try: a router whose settings or secret can't be read is a recorded failure too.
    const adapter = createRouterAdapter(routerTargetFromRow(router));
    try {
      await adapter.apply(config);
    } catch (error) {
      // The router already serves a higher version (its disk survived a database reset, say):
      // catch our counter up past it once and push again.
      if (!(error instanceof RouterError) || error.code !== "stale_version") throw error;
      const served = await adapter.readBack();
      if (served.version === null || served.version < config.version) throw error;
      router = await db.router.update({ where: { id: routerId }, data: { desiredVersion: served.version + 1 } });
      config = { ...config, version: router.desiredVersion };
      await adapter.apply(config);
    }
    const now = new Date();
    await db.$transaction(async (tx) => {
      await tx.router.updateMany({
        where: { id: routerId, appliedVersion: { lt: config.version } },
        data: { appliedVersion: config.version },
      });
      await tx.router.update({
        where: { id: routerId },
        data: {
          desiredConfig: jsonColumn(config),
          lastAppliedAt: now,
          health: "healthy",
          lastError: null,
          lastCheckedAt: now,
        },
      });
      if (desired.rolloutId && desired.rolloutConfigVersion !== null) {
        await tx.routerApplication.updateMany({
          where: {
            routerId,
            status: { not: "applied" },
            weightChange: { rolloutId: desired.rolloutId, configVersion: { lte: desired.rolloutConfigVersion } },
          },
          data: {
            status: "applied",
            appliedAt: now,
            lastError: null,
            readBack: { version: config.version, weights: config.weights },
          },
        });
      }
    });
    return { routerId, routerName: router.name, ok: true, version: config.version, ms: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof RouterError ? error.code : "unreachable";
    const now = new Date();
    await db.router.update({
      where: { id: routerId },
      data: {
        desiredConfig: jsonColumn(config),
        lastError: message.slice(0, 1000),
        lastErrorAt: now,
        lastCheckedAt: now,
        health: code === "unreachable" || code === "timeout" ? "down" : "degraded",
      },
    });
    if (desired.rolloutId) {
      const pending = await db.routerApplication.findMany({
        where: { routerId, status: { not: "applied" }, weightChange: { rolloutId: desired.rolloutId } },
        select: { id: true, attempts: true },
      });
      for (const app of pending) {
        await db.routerApplication.update({
          where: { id: app.id },
          data: {
            status: "failed",
            attempts: app.attempts + 1,
            lastError: message.slice(0, 1000),
            nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[Math.min(app.attempts, BACKOFF_MS.length - 1)]),
          },
        });
      }
    }
    return {
      routerId,
      routerName: router.name,
      ok: false,
      version: config.version,
      error: message,
      ms: performance.now() - started,
    };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** No config could be built (the system routes to nothing): nothing is sent, the cause is recorded. */
async function recordUnbuildable(
  db: PrismaClient,
  router: RouterRow,
  error: Error,
  started: number,
): Promise<PushResult> {
  if (!(error instanceof UnroutableSystemError)) throw error;
  const now = new Date();
  await db.router.update({
    where: { id: router.id },
    data: { lastError: error.message.slice(0, 1000), lastErrorAt: now, lastCheckedAt: now, health: "degraded" },
  });
  return {
    routerId: router.id,
    routerName: router.name,
    ok: false,
    version: router.desiredVersion,
    error: error.message,
    ms: performance.now() - started,
  };
}
