import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ServiceError } from "../errors";
import type { ServiceContext } from "../permissions";

export interface RefusalTarget {
  /** The action that was attempted, e.g. "approval.grant"; the event is "<action>.refused". */
  action: string;
  entityType: string;
  entityId?: string | null;
  meta?: Record<string, unknown>;
}

/**
 * Runs a governance verb; when it refuses (a ServiceError: forbidden, stale, twice, too late),
 * writes "<action>.refused" with the reason in its own transaction, so the refusal is on the
 * audit trail even though the verb's own transaction rolled back, then rethrows.
 */
export async function auditRefusals<T>(ctx: ServiceContext, target: RefusalTarget, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ServiceError) {
      await db
        .$transaction((tx) =>
          recordAudit(tx, ctx, {
            action: `${target.action}.refused`,
            entityType: target.entityType,
            entityId: target.entityId ?? null,
            meta: { ...target.meta, code: error.code, reason: error.message },
          }),
        )
        .catch((auditError) => console.error("could not audit a refusal", auditError));
    }
    throw error;
  }
}
