import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { actingPersonId } from "../approvals/acting-person";
import { auditRefusals } from "../approvals/audit-refusals";
import { markReadyIfDone } from "../approvals/mark-ready";
import type { SignChecklistItemInput } from "./schemas";

const OPEN = ["draft", "awaiting_approval", "ready"];

/**
 * A person signs one manual checklist item with a note or an evidence link. Items the system
 * verifies are refused here (run the checks instead), as are items already signed and rollouts
 * that have started.
 */
export async function signChecklistItem({ ctx, input }: { ctx: ServiceContext; input: SignChecklistItemInput }) {
  return auditRefusals(
    ctx,
    { action: "checklist.sign", entityType: "checklist_item", entityId: input.itemId },
    async () => {
      requirePermission(ctx, "checklists.sign");
      const personId = await actingPersonId(db, ctx, "sign a checklist item");
      const item = await db.checklistItem.findUnique({
        where: { id: input.itemId },
        include: { rollout: { select: { status: true } }, signedBy: { select: { name: true } } },
      });
      if (!item) throw new NotFoundError("No such checklist item.");
      if (item.verification !== "manual")
        throw new PreconditionFailedError(
          `“${item.label}” is verified by Switchyard itself: use “Run checks” instead of signing it.`,
        );
      if (!OPEN.includes(item.rollout.status))
        throw new PreconditionFailedError("The rollout has started: its checklist is closed.");
      if (item.status === "signed")
        throw new ConflictError(`“${item.label}” is already signed by ${item.signedBy?.name ?? "someone"}.`);
      if (!input.note && !input.evidenceUrl)
        throw new PreconditionFailedError("Add a note or an evidence link to sign.");
      return db.$transaction(async (tx) => {
        const updated = await tx.checklistItem.updateMany({
          where: { id: item.id, status: item.status },
          data: {
            status: "signed",
            signedById: personId,
            signedAt: new Date(),
            note: input.note || null,
            evidenceUrl: input.evidenceUrl || null,
          },
        });
        if (updated.count !== 1) throw new ConflictError(`“${item.label}” was signed by someone else a moment ago.`);
        const after = await tx.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
        const { rollout: _rollout, signedBy: _signedBy, ...before } = item;
        await recordAudit(tx, ctx, {
          action: "checklist.sign",
          entityType: "checklist_item",
          entityId: item.id,
          before,
          after,
          meta: { rolloutId: item.rolloutId },
        });
        const ready = await markReadyIfDone(tx, ctx, item.rolloutId);
        return { item: after, ready };
      });
    },
  );
}
