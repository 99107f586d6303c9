// Which approvals count. Pure: shared by the start blockers, the approve verb and the UI.

export const DEFAULT_APPROVAL_TTL_HOURS = 24;

/** How long an approval stays valid: SWITCHYARD_APPROVAL_TTL_HOURS, default 24 h. */
export function approvalTtlMs(env: Record<string, string | undefined> = process.env): number {
  const hours = Number(env.SWITCHYARD_APPROVAL_TTL_HOURS ?? DEFAULT_APPROVAL_TTL_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_APPROVAL_TTL_HOURS) * 3_600_000;
}

export type ApprovalState = "valid" | "voided" | "expired" | "stale" | "author";

export interface ApprovalLike {
  approverId: string;
  planHash: string;
  expiresAt: Date;
  voidedAt: Date | null;
}

/** An approval counts only for the exact plan it signed, before it expires, and never the author's. */
export function approvalState(
  a: ApprovalLike,
  rollout: { planHash: string; authorId: string },
  now = new Date(),
): ApprovalState {
  if (a.voidedAt) return "voided";
  if (a.approverId === rollout.authorId) return "author";
  if (a.planHash !== rollout.planHash) return "stale";
  if (a.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/** Distinct approvers with a valid approval of the current plan. */
export function countValidApprovals(
  approvals: ApprovalLike[],
  rollout: { planHash: string; authorId: string },
  now = new Date(),
): number {
  return new Set(approvals.filter((a) => approvalState(a, rollout, now) === "valid").map((a) => a.approverId)).size;
}

export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  valid: "valid",
  voided: "voided",
  expired: "expired",
  stale: "for an older plan",
  author: "by the author (doesn't count)",
};

/** The first characters of a plan hash, enough to tell plans apart on screen. */
export function shortHash(hash: string): string {
  return hash.slice(0, 10);
}

/** Approvals a rollout needs: what it asked for (applied as code), never fewer than its system's minimum. */
export function approvalsNeeded(rollout: { requiredApprovals?: number | null; system: { requiredApprovals: number } }) {
  return Math.max(rollout.system.requiredApprovals, rollout.requiredApprovals ?? 0);
}
