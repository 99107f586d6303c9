import "server-only";
import { db } from "../db";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { auditRefusals } from "../approvals/audit-refusals";
import { runSystemChecks } from "./verify-system-checks";

/** "Run checks" on the rollout page: re-evaluates the system-verified items before the start. */
export async function runChecklistChecks({ ctx, input }: { ctx: ServiceContext; input: { rolloutId: string } }) {
  return auditRefusals(
    ctx,
    { action: "checklist.verify", entityType: "rollout", entityId: input.rolloutId },
    async () => {
      requirePermission(ctx, "checklists.sign");
      const rollout = await db.rollout.findUnique({ where: { id: input.rolloutId }, select: { status: true } });
      if (!rollout) throw new NotFoundError("No such rollout.");
      if (!["draft", "awaiting_approval", "ready"].includes(rollout.status))
        throw new PreconditionFailedError("The rollout has started: its checklist is closed.");
      return runSystemChecks(db, input.rolloutId, ctx);
    },
  );
}
