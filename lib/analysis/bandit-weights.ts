// Multi-armed bandit: Thompson sampling on the rollout's reward metric turns outcome rollups into
// new weights, every arm at or above its floor; an arm failing a guardrail gets only its floor.
import type { PrismaClient } from "@/lib/db/create-client";
import type { Weights } from "@/lib/routers/types";
import { allocateWithFloor, DEFAULT_BANDIT_FLOOR } from "@/lib/strategies/bandit";
import { thompsonAllocation, type BanditArm } from "./stats/thompson";
import { parseRolloutGates } from "./default-gates";
import { evaluateGates, isCompareGate } from "./evaluate-gate";
import { loadTotals } from "./load-window";
import { checkWeightsApplied } from "./weights-applied";
import { emptyTotals, type ArmTotals } from "./window";

export { pickChallengerWinner } from "./pick-challenger-winner";

/** successes/failures of one arm for the reward metric ("conversion", "accuracy", or reward events in 0..1). */
export function banditArm(totals: ArmTotals, rewardMetric: unknown): BanditArm {
  const metric = String(rewardMetric ?? "reward").toLowerCase();
  if (metric.startsWith("conversion"))
    return { successes: totals.conversions, failures: Math.max(0, totals.requests - totals.conversions) };
  if (metric.startsWith("accuracy") || metric === "label")
    return { successes: totals.correct, failures: Math.max(0, totals.labelled - totals.correct) };
  const successes = Math.min(Math.max(totals.outcomeSum, 0), totals.outcomeCount);
  return { successes, failures: totals.outcomeCount - successes };
}

/**
 * New weights (basis points summing to 10000) or null when there is nothing to learn from yet
 * (no reward observed) or the current weights aren't applied everywhere: the controller then
 * keeps the weights it has. Deterministic for a given rollout and minute, so a repeated
 * reallocate intent pushes the same weights.
 */
export async function computeBanditWeights(
  db: PrismaClient,
  input: { rolloutId: string; now: Date },
): Promise<Weights | null> {
  const rollout = await db.rollout.findUnique({ where: { id: input.rolloutId }, include: { variants: true } });
  if (!rollout || rollout.variants.length < 2) return null;
  const applied = await checkWeightsApplied(db, rollout);
  if (!applied.applied) return null;
  const config = rollout.config as Record<string, unknown>;
  const keys = rollout.variants.map((v) => v.key);
  const since = rollout.startedAt ?? applied.appliedAt;
  const totals = await loadTotals(db, { rolloutId: rollout.id, from: since, to: input.now, allSegmentsOnly: true });
  const arms = keys.map((k) => banditArm(totals[k]?.["*"] ?? emptyTotals(), config.rewardMetric));
  if (arms.every((a) => a.successes + a.failures === 0)) return null;
  const floor = typeof config.floorBasisPoints === "number" ? config.floorBasisPoints : DEFAULT_BANDIT_FLOOR;
  const seed = seedOf(`${rollout.id}:${Math.floor(input.now.getTime() / 60_000)}`);
  const { winProbability } = thompsonAllocation(arms, { floorBps: 0, seed, draws: 5_000 });

  const champion = rollout.variants.find((v) => v.role === "champion")!.key;
  const guardNames = Array.isArray(config.guardrails) ? (config.guardrails as unknown[]).map(String) : null;
  const guards = parseRolloutGates(rollout.gates).gates.filter(
    (g) => isCompareGate(g) && (!guardNames || guardNames.includes(g.name)),
  );
  const recent = await loadTotals(db, { rolloutId: rollout.id, from: applied.appliedAt, to: input.now });
  const failing = new Set(
    keys.filter(
      (k) =>
        k !== champion &&
        evaluateGates(guards, {
          champion,
          challengers: [k],
          windowStart: applied.appliedAt,
          windowEnd: input.now,
          arms: recent,
        }).some((g) => g.verdict === "fail"),
    ),
  );
  const probabilities = Object.fromEntries(keys.map((k, i) => [k, failing.has(k) ? 0 : winProbability[i]]));
  return allocateWithFloor(probabilities, floor);
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 2_147_483_647 || 1;
}
