// What still stands between a rollout and its start: the checklist and the approvals.
import type { Tx } from "../db/create-client";
import { NotFoundError } from "../errors";
import { approvalState, approvalsNeeded, countValidApprovals, shortHash } from "./approval-policy";

type Reader = Pick<Tx, "rollout">;

const LISTED = 4;

/**
 * Human-readable reasons the rollout can't start yet; an empty array means it may start.
 * Required checklist items must be signed or verified; the system's required number of valid
 * approvals (same plan hash as now, not voided, not expired, not the author's) must be there.
 */
export async function getStartBlockers(tx: Reader, rolloutId: string, now = new Date()): Promise<string[]> {
  const rollout = await tx.rollout.findUnique({
    where: { id: rolloutId },
    select: {
      planHash: true,
      authorId: true,
      requiredApprovals: true,
      system: { select: { requiredApprovals: true } },
      checklistItems: {
        orderBy: { position: "asc" },
        select: { label: true, section: true, required: true, status: true, verification: true, evidence: true },
      },
      approvals: { select: { approverId: true, planHash: true, expiresAt: true, voidedAt: true } },
    },
  });
  if (!rollout) throw new NotFoundError("No such rollout.");
  const blockers: string[] = [];
  const required = rollout.checklistItems.filter((i) => i.required);
  for (const item of required.filter((i) => i.status === "failed")) {
    blockers.push(
      `Checklist: “${item.label}” failed its system check${summaryOf(item.evidence)}. Fix it and run the checks again.`,
    );
  }
  const pending = required.filter((i) => i.status === "pending");
  if (pending.length > 0) {
    const names = pending
      .slice(0, LISTED)
      .map((i) => `“${i.label}”`)
      .join(", ");
    const more = pending.length > LISTED ? ` and ${pending.length - LISTED} more` : "";
    const what = pending.length === 1 ? "required checklist item is" : "required checklist items are";
    blockers.push(`Checklist: ${pending.length} ${what} not signed or verified yet: ${names}${more}.`);
  }
  const needed = approvalsNeeded(rollout);
  const valid = countValidApprovals(rollout.approvals, rollout, now);
  if (valid < needed) {
    const states = rollout.approvals.map((a) => approvalState(a, rollout, now));
    const notes = [
      count(states, "expired", "expired"),
      count(states, "stale", "for an older plan"),
      count(states, "voided", "voided"),
    ].filter(Boolean);
    blockers.push(
      `Approvals: ${valid} of ${needed} required approval${needed === 1 ? "" : "s"} of the current plan (${shortHash(rollout.planHash)}) from approvers other than the author` +
        (notes.length ? `; not counted: ${notes.join(", ")}` : "") +
        ".",
    );
  }
  return blockers;
}

function count(states: string[], state: string, label: string): string {
  const n = states.filter((s) => s === state).length;
  return n ? `${n} ${label}` : "";
}

function summaryOf(evidence: unknown): string {
  const summary = evidence && typeof evidence === "object" ? (evidence as { summary?: unknown }).summary : undefined;
  return typeof summary === "string" && summary ? ` (${summary})` : "";
}
