// GET /api/rollouts/[rolloutId]/metrics/ab-report – the A/B test report and winner decision
import { db } from "@/lib/db";
import { getAbReport } from "@/lib/analysis/get-ab-report";
import { rolloutReadRoute } from "@/lib/analysis/rollout-read-route";

export const dynamic = "force-dynamic";
export const GET = rolloutReadRoute((rolloutId) => getAbReport(db, rolloutId));
