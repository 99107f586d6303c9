import "server-only";
import pg from "pg";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";
import { recordAudit } from "./record-audit";
import { pgChainQuery, prismaChainQuery, verifyChain, type ChainVerification } from "./verify-chain";

export interface AuditVerificationResult extends ChainVerification {
  verifiedAt: string;
  /** The `audit.verify` event that recorded this result. */
  eventId: string;
}

/**
 * Verifies the whole audit chain and records the outcome as an `audit.verify` event (so that a
 * later reader sees who verified, when, and what head they saw). Reads over its own connection,
 * outside any transaction: a long verification never holds locks writers need.
 */
export async function verifyAuditChain({ ctx }: { ctx: ServiceContext }): Promise<AuditVerificationResult> {
  requirePermission(ctx, "audit.verify");
  const result = await withChainQuery((query) => verifyChain(query));
  const verifiedAt = new Date();
  const event = await db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: "audit.verify",
      entityType: "audit_chain",
      entityId: null,
      after: {
        ok: result.ok,
        checked: result.checked,
        headId: result.headId,
        headHash: result.headHash,
        firstBadId: result.firstBadId ?? null,
        problem: result.problem ?? null,
        problems: result.problems.slice(0, 5),
        anchorsChecked: result.anchorsChecked,
        durationMs: result.durationMs,
      },
    }),
  );
  return { ...result, verifiedAt: verifiedAt.toISOString(), eventId: event.id.toString() };
}

async function withChainQuery<T>(run: (query: ReturnType<typeof pgChainQuery>) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) return run(prismaChainQuery(db));
  // Two connections: the id ranges verify concurrently, one Postgres backend each.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await run(pgChainQuery(pool));
  } finally {
    await pool.end().catch(() => {});
  }
}
