// GET /api/rollouts/[rolloutId]/metrics – chart series per variant, step markers, thresholds, segments, drift
import { db } from "@/lib/db";
import { getRolloutMetrics } from "@/lib/analysis/get-rollout-metrics";
import { rolloutReadRoute } from "@/lib/analysis/rollout-read-route";

export const dynamic = "force-dynamic";
export const GET = rolloutReadRoute((rolloutId) => getRolloutMetrics(db, rolloutId));
