import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { createRouterAdapter, routerTargetFromRow } from "./registry";
import type { RouterIdInput } from "./schemas";
import type { AppliedState, RouterHealthReport } from "./types";

export interface ConnectionTestResult {
  health: RouterHealthReport;
  /** What the router says it serves, or why it couldn't say. */
  readBack: AppliedState | null;
  readBackError: string | null;
  /** Version Switchyard last confirmed on this router, for comparison with readBack.version. */
  appliedVersion: number;
  checkedAt: Date;
}

/** Asks the router for its health and what it serves, then records health, lastCheckedAt and any
 * error. The router is called outside any transaction; a failure is a result, never a throw. */
export async function testRouterConnection({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: RouterIdInput;
}): Promise<ConnectionTestResult> {
  requirePermission(ctx, "routers.write");
  const row = await db.router.findUnique({ where: { id: input.routerId } });
  if (!row) throw new NotFoundError("No such router.");
  const { health, readBack, readBackError } = await probe(row);
  const checkedAt = new Date();
  const error = health.status === "down" ? (health.detail ?? "router is down") : readBackError;
  await db.$transaction(async (tx) => {
    await tx.router.update({
      where: { id: row.id },
      data: {
        health: health.status,
        lastCheckedAt: checkedAt,
        ...(error ? { lastError: error.slice(0, 1000), lastErrorAt: checkedAt } : {}),
      },
    });
    await recordAudit(tx, ctx, {
      action: "router.test_connection",
      entityType: "router",
      entityId: row.id,
      before: { health: row.health },
      after: { health: health.status },
      meta: {
        detail: health.detail ?? null,
        latencyMs: health.latencyMs ?? null,
        servedVersion: readBack?.version ?? null,
        error,
      },
    });
  });
  return { health, readBack, readBackError, appliedVersion: row.appliedVersion, checkedAt };
}

async function probe(
  row: Parameters<typeof routerTargetFromRow>[0],
): Promise<Pick<ConnectionTestResult, "health" | "readBack" | "readBackError">> {
  let adapter;
  try {
    adapter = createRouterAdapter(routerTargetFromRow(row));
  } catch (e) {
    // A secret sealed with another key, or settings the adapter refuses: nothing to call.
    return { health: { status: "down", detail: (e as Error).message }, readBack: null, readBackError: null };
  }
  const health = await adapter
    .health()
    .catch((e: Error): RouterHealthReport => ({ status: "down", detail: e.message }));
  if (health.status === "down") return { health, readBack: null, readBackError: null };
  try {
    return { health, readBack: await adapter.readBack(), readBackError: null };
  } catch (e) {
    return { health, readBack: null, readBackError: `read-back failed: ${(e as Error).message}` };
  }
}
