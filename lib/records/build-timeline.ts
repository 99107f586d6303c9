// The deployment record's timeline: every change to the rollout, every approval with its real
// approver, every checklist sign-off (who, item, note), every acceptance of a step without its
// gates deciding (who asked, who confirmed, why), and every rollback with its requester and
// confirmer. From the audit trail, so each entry can be traced to its hash-chained event. Shared
// by web and the controller process (no "server-only").
import type { Tx } from "../db/create-client";
import type { TimelineEntry } from "./record-content";

export interface TimelineRollout {
  id: string;
  approvals: { id: string }[];
  checklistItems: { id: string; label: string }[];
  gateOverrides: { id: string; stepIndex: number }[];
  rollbackRequests: {
    createdAt: Date;
    confirmedAt: Date | null;
    executedAt: Date | null;
    breakGlass: boolean;
    source: string;
    reason: string;
    weightsBefore: unknown;
    weightsAfter: unknown;
    requestedBy: { name: string } | null;
    confirmedBy: { name: string } | null;
  }[];
}

export async function buildTimeline(tx: Tx, rollout: TimelineRollout): Promise<TimelineEntry[]> {
  const items = new Map(rollout.checklistItems.map((i) => [i.id, i.label]));
  const steps = new Map(rollout.gateOverrides.map((o) => [o.id, o.stepIndex]));
  const events = await tx.auditEvent.findMany({
    where: {
      OR: [
        { entityType: "rollout", entityId: rollout.id },
        { entityType: "approval", entityId: { in: rollout.approvals.map((a) => a.id) } },
        { entityType: "checklist_item", entityId: { in: [...items.keys()] } },
        { entityType: "gate_override", entityId: { in: [...steps.keys()] } },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, actorLabel: true, entityId: true, meta: true, after: true },
  });
  const entries: TimelineEntry[] = events.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    actor: e.actorLabel,
    detail: describeEvent(e.action, e.meta, e.after, {
      item: items.get(e.entityId ?? ""),
      step: steps.get(e.entityId ?? ""),
    }),
    auditId: e.id.toString(),
  }));
  for (const r of rollout.rollbackRequests) {
    const who = r.requestedBy?.name ?? (r.source === "automatic" ? "controller (automatic)" : "—");
    entries.push({
      at: r.createdAt.toISOString(),
      action: r.breakGlass ? "rollback.break_glass" : "rollback.requested",
      actor: who,
      detail: r.reason,
    });
    if (r.confirmedAt)
      entries.push({
        at: r.confirmedAt.toISOString(),
        action: "rollback.confirmed",
        actor: r.confirmedBy?.name ?? "—",
        detail: `Confirmed ${who}'s rollback request`,
      });
    if (r.executedAt)
      entries.push({
        at: r.executedAt.toISOString(),
        action: "rollback.executed",
        actor: "controller",
        detail: weightsDetail(r.weightsBefore, r.weightsAfter),
      });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** One sentence for an audit event, in the words of the record. Pure. */
export function describeEvent(
  action: string,
  meta: unknown,
  after: unknown,
  context: { item?: string; step?: number } = {},
): string {
  const m = (meta ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  const step = context.step !== undefined ? `step ${context.step + 1}` : "the step";
  switch (action) {
    case "approval.grant":
      return `Approved the plan (${String(a.planHash ?? m.planHash ?? "").slice(0, 12)})${str(a.comment) ? `: “${a.comment}”` : ""}`;
    case "approval.revoke":
      return "Withdrew their approval";
    case "checklist.sign": {
      const note = str(a.note);
      const link = str(a.evidenceUrl);
      return `Signed “${context.item ?? "a checklist item"}”${note ? `: ${note}` : ""}${link ? ` (evidence: ${link})` : ""}`;
    }
    case "gate_override.request": {
      const gates = (Array.isArray(a.gates) ? a.gates : []) as { gate?: string }[];
      return `Asked to accept ${step} without ${gates.map((g) => g.gate).join(", ") || "its gates"} passing: ${str(a.reason) ?? ""}`;
    }
    case "gate_override.confirm":
      return `Confirmed accepting ${step} without its gates deciding (override)`;
    case "gate_override.cancel":
      return `Withdrew the request to accept ${step}`;
    case "rollout.accept":
      return "Went on past the accepted step";
    case "rollout.keep_waiting":
      return `Kept waiting: the step may wait for its gates until ${str(m.waitUntil)?.slice(0, 16).replace("T", " ") ?? "later"} UTC${str(m.reason) ? `: ${m.reason}` : ""}`;
  }
  for (const v of [m.reason, m.note, m.summary, a.statusReason]) if (typeof v === "string" && v) return v;
  return typeof a.status === "string" ? `status ${a.status}` : "";
}

function weightsDetail(before: unknown, after: unknown): string {
  const f = (w: unknown) =>
    Object.entries((w ?? {}) as Record<string, number>)
      .map(([k, v]) => `${k} ${v / 100} %`)
      .join(", ");
  return before || after ? `weights ${f(before)} → ${f(after)}` : "";
}
