// The gates of a rollout's current analysis step that have not passed: what an acceptance covers.
// Shared by web and the controller process (no "server-only").
import type { Tx } from "../db/create-client";
import type { Rollout } from "../generated/prisma/client";
import { parseRolloutGates } from "../analysis/default-gates";

export interface UndecidedGate {
  gate: string;
  /** "waiting", "inconclusive", "fail", or "not run" when no run of it exists at this step. */
  verdict: string;
  reason: string | null;
}

/** Null when the current step isn't an analysis step that has started. */
export async function undecidedGates(
  tx: Tx,
  rollout: Pick<Rollout, "id" | "currentStepIndex" | "stepStartedAt" | "gates">,
): Promise<{ stepKind: string; gates: UndecidedGate[] } | null> {
  const step = await tx.planStep.findUnique({
    where: { rolloutId_index: { rolloutId: rollout.id, index: rollout.currentStepIndex } },
    select: { kind: true, params: true },
  });
  if (!step) return null;
  if (step.kind !== "analysis" || !rollout.stepStartedAt) return { stepKind: step.kind, gates: [] };
  const named = (step.params as { gates?: unknown }).gates;
  const required =
    Array.isArray(named) && named.length
      ? named.map(String)
      : parseRolloutGates(rollout.gates).gates.map((g) => g.name);
  const runs = await tx.analysisRun.findMany({
    where: { rolloutId: rollout.id, stepIndex: rollout.currentStepIndex, createdAt: { gte: rollout.stepStartedAt } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { gate: true, verdict: true, evidence: true },
  });
  const latest = new Map<string, (typeof runs)[number]>();
  for (const r of runs) if (!latest.has(r.gate)) latest.set(r.gate, r);
  const names = required.length ? required : [...latest.keys()];
  return {
    stepKind: step.kind,
    gates: names
      .filter((g) => latest.get(g)?.verdict !== "pass")
      .map((g) => {
        const run = latest.get(g);
        const reason = (run?.evidence as { reason?: unknown } | undefined)?.reason;
        return { gate: g, verdict: run?.verdict ?? "not run", reason: typeof reason === "string" ? reason : null };
      }),
  };
}
