// Seed 001's procedure after every rollback (manual, automatic, break-glass): communicate at once
// (status page incident, notification) and block the rolled-back version until someone
// investigates and records a root cause. Runs inside the rollback's transaction.
import type { Tx } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { ServiceContext } from "../permissions";
import { openIncident } from "../incidents/open-incident";
import { enqueueNotification } from "../notifications/enqueue-notification";

export type RollbackSourceKind = "manual" | "automatic" | "break_glass";

const SOURCE_LABELS: Record<RollbackSourceKind, string> = {
  manual: "confirmed by a second person",
  automatic: "automatic, by a failed gate",
  break_glass: "break-glass, by one person",
};

export function blockedReasonFor(reason: string): string {
  return `Rolled back: ${reason.trim().replace(/[.\s]+$/, "")}. Record a root cause before rolling this version out again.`;
}

/**
 * Opens an incident on the status page, notifies rollback.executed and marks the challenger
 * versions blocked with a reason that names what to do. Returns the incident's id.
 */
export async function startPostRollbackProcedure(
  tx: Tx,
  ctx: ServiceContext,
  { rolloutId, reason, source }: { rolloutId: string; reason: string; source: RollbackSourceKind },
): Promise<{ incidentId: string }> {
  const rollout = await tx.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    select: {
      id: true,
      name: true,
      systemId: true,
      system: { select: { name: true, slug: true } },
      variants: {
        select: {
          key: true,
          role: true,
          version: {
            select: { id: true, version: true, status: true, blockedReason: true, model: { select: { name: true } } },
          },
        },
      },
    },
  });
  const champion = rollout.variants.find((v) => v.role === "champion");
  const challengers = rollout.variants.filter((v) => v.role === "challenger");
  const versions = challengers.map((c) => `${c.version.model.name} ${c.version.version}`).join(", ");
  const backTo = champion ? `${champion.version.model.name} ${champion.version.version}` : "the champion";

  const incident = await openIncident(tx, ctx, {
    systemId: rollout.systemId,
    rolloutId: rollout.id,
    title: `Rolled back ${versions || rollout.name} on ${rollout.system.name}`,
    severity: source === "automatic" ? "major" : "minor",
    message: `All traffic is back on ${backTo} (${SOURCE_LABELS[source]}). Reason: ${reason}. We are verifying recovery and investigating the cause.`,
  });

  const blockedReason = blockedReasonFor(reason);
  for (const c of challengers) {
    await tx.modelVersion.update({ where: { id: c.version.id }, data: { status: "blocked", blockedReason } });
    await writeAuditEvent(tx, ctx, {
      action: "model_version.block",
      entityType: "model_version",
      entityId: c.version.id,
      before: { status: c.version.status, blockedReason: c.version.blockedReason },
      after: { status: "blocked", blockedReason },
      meta: { rolloutId: rollout.id, source },
    });
  }

  // A request still waiting for its second person is moot once the rollout is rolled back.
  const moot = await tx.rollbackRequest.updateMany({
    where: { rolloutId: rollout.id, status: "pending" },
    data: { status: "cancelled" },
  });

  await enqueueNotification(tx, {
    event: "rollback.executed",
    title: `${rollout.system.name}: “${rollout.name}” rolled back (${source.replace("_", "-")})`,
    text: [
      `All traffic is back on ${backTo}. Reason: ${reason}.`,
      source === "break_glass" ? "Break-glass: one person rolled back alone; another person must review it." : "",
      versions ? `${versions} is blocked until a root cause is recorded.` : "",
    ]
      .filter(Boolean)
      .join(" "),
    url: `/rollouts/${rollout.id}`,
    data: {
      rolloutId: rollout.id,
      system: rollout.system.slug,
      source,
      reason,
      incidentId: incident.id,
      blockedVersions: challengers.map((c) => c.version.id),
    },
  });
  await writeAuditEvent(tx, ctx, {
    action: "rollback.procedure_start",
    entityType: "rollout",
    entityId: rollout.id,
    after: {
      incidentId: incident.id,
      blockedVersions: challengers.map((c) => c.version.id),
      source,
      cancelledPendingRequests: moot.count,
    },
    meta: { reason },
  });
  return { incidentId: incident.id };
}
