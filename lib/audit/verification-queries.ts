import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export interface PastVerification {
  eventId: string;
  at: string;
  actor: string;
  ok: boolean;
  checked: number;
  headId: string | null;
  headHash: string;
  firstBadId: string | null;
  problem: string | null;
  durationMs: number;
}

/** The latest `audit.verify` results, newest first. */
export async function listAuditVerifications(ctx: ServiceContext, take = 10): Promise<PastVerification[]> {
  requirePermission(ctx, "audit.read");
  const events = await db.auditEvent.findMany({
    where: { action: "audit.verify" },
    orderBy: { id: "desc" },
    take: Math.min(take, 100),
  });
  return events.map((e) => {
    const a = (e.after ?? {}) as Record<string, unknown>;
    return {
      eventId: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actorLabel,
      ok: a.ok === true,
      checked: Number(a.checked ?? 0),
      headId: (a.headId as string | null) ?? null,
      headHash: String(a.headHash ?? ""),
      firstBadId: (a.firstBadId as string | null) ?? null,
      problem: (a.problem as string | null) ?? null,
      durationMs: Number(a.durationMs ?? 0),
    };
  });
}

/** Events around one id (a row a verification named), oldest first. */
export async function listAuditEventsAround(ctx: ServiceContext, id: bigint, radius = 10) {
  requirePermission(ctx, "audit.read");
  return db.auditEvent.findMany({
    where: { id: { gte: id - BigInt(radius), lte: id + BigInt(radius) } },
    orderBy: { id: "asc" },
  });
}
