import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";

/**
 * The latest verdict of each gate of a rollout (one line per gate: verdict, reason, when), plus
 * the recent runs with their full evidence. For scripts and `switchyard rollouts watch`.
 */
export async function getLatestGateVerdicts(ctx: ServiceContext, rolloutId: string, take = 50) {
  requirePermission(ctx, "rollouts.read");
  if (!(await db.rollout.findUnique({ where: { id: rolloutId }, select: { id: true } })))
    throw new NotFoundError("No such rollout.");
  const runs = await db.analysisRun.findMany({
    where: { rolloutId },
    orderBy: [{ createdAt: "desc" }, { gate: "asc" }],
    take,
  });
  const latest = new Map<string, (typeof runs)[number]>();
  for (const run of runs) if (!latest.has(run.gate)) latest.set(run.gate, run);
  return {
    gates: [...latest.values()]
      .sort((a, b) => a.gate.localeCompare(b.gate))
      .map((r) => ({
        gate: r.gate,
        verdict: r.verdict,
        reason: reasonOf(r.evidence),
        stepIndex: r.stepIndex,
        windowStart: r.windowStart,
        windowEnd: r.windowEnd,
        at: r.createdAt,
      })),
    runs,
  };
}

function reasonOf(evidence: unknown): string | null {
  const reason = evidence && typeof evidence === "object" ? (evidence as { reason?: unknown }).reason : undefined;
  return typeof reason === "string" ? reason : null;
}
