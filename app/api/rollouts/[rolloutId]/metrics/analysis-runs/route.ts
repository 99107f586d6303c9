// GET /api/rollouts/[rolloutId]/metrics/analysis-runs – the latest gate verdicts with their evidence
import { db } from "@/lib/db";
import { rolloutReadRoute } from "@/lib/analysis/rollout-read-route";

export const dynamic = "force-dynamic";
export const GET = rolloutReadRoute(async (rolloutId) => {
  const rollout = await db.rollout.findUnique({ where: { id: rolloutId }, select: { id: true } });
  if (!rollout) return null;
  const runs = await db.analysisRun.findMany({
    where: { rolloutId },
    orderBy: [{ createdAt: "desc" }, { gate: "asc" }],
    take: 100,
  });
  return { runs };
});
