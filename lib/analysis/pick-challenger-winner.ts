// Champion/challenger: which challenger (if any) has won, to promote it automatically.
import type { PrismaClient } from "@/lib/db/create-client";
import { abTestReport } from "./ab-report";
import { parseRolloutGates } from "./default-gates";
import { evaluateGates, isCompareGate } from "./evaluate-gate";
import { loadTotals } from "./load-window";
import { checkWeightsApplied } from "./weights-applied";
import type { WindowData } from "./window";

/**
 * The key of the challenger that beats the champion with significance (sequential p, Holm) on
 * the primary metric (config.primaryMetric, default conversion) while none of the rollout's
 * comparison gates fails for it; null while nobody has won, or while weights aren't applied.
 */
export async function pickChallengerWinner(
  db: PrismaClient,
  input: { rolloutId: string; now: Date },
): Promise<string | null> {
  const rollout = await db.rollout.findUnique({ where: { id: input.rolloutId }, include: { variants: true } });
  if (!rollout) return null;
  const champion = rollout.variants.find((v) => v.role === "champion")?.key;
  const challengers = rollout.variants.filter((v) => v.role === "challenger").map((v) => v.key);
  if (!champion || challengers.length === 0) return null;
  const applied = await checkWeightsApplied(db, rollout);
  if (!applied.applied) return null;
  const window: WindowData = {
    champion,
    challengers,
    windowStart: applied.appliedAt,
    windowEnd: input.now,
    arms: await loadTotals(db, { rolloutId: rollout.id, from: applied.appliedAt, to: input.now }),
  };
  const config = rollout.config as Record<string, unknown>;
  const report = abTestReport(window, {
    primaryMetric: typeof config.primaryMetric === "string" ? config.primaryMetric : undefined,
  });
  const guards = parseRolloutGates(rollout.gates).gates.filter(isCompareGate);
  const candidates = report.rows
    .filter((r) => r.primary && r.significant && r.better)
    .sort((a, b) => b.relativeEffect - a.relativeEffect)
    .map((r) => r.challenger);
  for (const ch of candidates) {
    const regressed = report.rows.some((r) => r.challenger === ch && !r.primary && r.significant && r.better === false);
    const failed = evaluateGates(guards, { ...window, challengers: [ch] }).some((g) => g.verdict === "fail");
    if (!regressed && !failed) return ch;
  }
  return null;
}
