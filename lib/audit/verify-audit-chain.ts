import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";
import { recordAudit } from "./record-audit";
import { verifyChain, withChainQuery, type ChainVerification } from "./verify-chain";

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
