// How reconcile reads analysis verdicts: gates for analysis steps, guardrails during experiments,
// bandit reallocation rounds.
import type { AnalysisStep, ExperimentStep } from "@/lib/strategies/plan";
import { analysisDeadline } from "@/lib/strategies/step-deadline";
import type { Intent, RolloutSnapshot, SnapshotVerdict } from "./reconcile-types";

export const DEFAULT_ANALYSIS_INTERVAL_SECONDS = 10;
export const DEFAULT_MAX_INCONCLUSIVE = 3;
export const DEFAULT_REALLOCATION_SECONDS = 3_600;

/** Verdicts of the current step recorded since it started, oldest first (ties by gate name). */
export function stepVerdicts(snapshot: RolloutSnapshot): SnapshotVerdict[] {
  const { currentStepIndex, stepStartedAt } = snapshot.rollout;
  if (!stepStartedAt) return [];
  return snapshot.analysis
    .filter((v) => v.stepIndex === currentStepIndex && v.createdAt >= stepStartedAt)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.gate < b.gate ? -1 : a.gate > b.gate ? 1 : 0));
}

/** Any fail since the step started rolls back, even if a later run passed: a fail is evidence. */
export function failedGate(verdicts: SnapshotVerdict[]): string | null {
  const fail = verdicts.find((v) => v.verdict === "fail");
  if (!fail) return null;
  return `Gate "${fail.gate}" failed at step ${(fail.stepIndex ?? 0) + 1}${fail.reason ? `: ${fail.reason}` : ""}`;
}

/**
 * An analysis step passes only when the latest verdict of every gate (the step's gates, or every
 * gate that reported) is pass, or a person's confirmed override accepted the step. A gate waiting
 * for data holds the step with no strike; a gate with its sample that still can't decide is
 * inconclusive, and after config.maxInconclusive inconclusive runs in a row (counted since the
 * step started or a person last resumed it) the rollout pauses for a person. So does a step still
 * undecided at its maximum wait (maxWaitSeconds, or the time a person extended it to).
 */
export function analysisIntents(snapshot: RolloutSnapshot, step: AnalysisStep, i: number, now: Date): Intent[] {
  const verdicts = stepVerdicts(snapshot);
  const latest = latestByGate(verdicts);
  const required = step.gates?.length ? step.gates : [...latest.keys()];
  if (required.length > 0 && required.every((g) => latest.get(g)?.verdict === "pass")) {
    return [{ type: "completeStep", stepIndex: i }];
  }
  if (snapshot.acceptedSteps?.includes(i)) return [{ type: "completeStep", stepIndex: i }];
  const config = snapshot.rollout.config;
  const row = snapshot.steps.find((s) => s.index === i);
  const deadline = stepDeadline(snapshot, step, i)!;
  const open = required.filter((g) => latest.get(g)?.verdict !== "pass");
  if (now >= deadline) {
    const what = open.length ? describeOpen(open, latest) : "no gate has reported yet";
    return [
      {
        type: "pause",
        reason: `Step ${i + 1} waited its maximum (until ${clock(deadline)}) and is not decided: ${what}`,
      },
    ];
  }
  const maxInconclusive = numberOr(config.maxInconclusive, DEFAULT_MAX_INCONCLUSIVE);
  const since = row?.verdictsSince ?? null;
  const counted = since ? verdicts.filter((v) => v.createdAt >= since) : verdicts;
  const inconclusive = required.filter((g) => latest.get(g)?.verdict === "inconclusive");
  const stuck = inconclusive.find((g) => inconclusiveStreak(counted, g) >= maxInconclusive);
  if (stuck) {
    return [
      {
        type: "pause",
        reason: `Gate "${stuck}" has its sample and still can't decide (${inconclusiveStreak(counted, stuck)} runs in a row) at step ${i + 1}: ${latest.get(stuck)?.reason ?? "not enough evidence"}`,
      },
    ];
  }
  const interval = step.intervalSeconds ?? numberOr(config.analysisIntervalSeconds, DEFAULT_ANALYSIS_INTERVAL_SECONDS);
  const next = nextRun(verdicts, snapshot.rollout.stepStartedAt!, interval, i, now);
  if (open.length === 0) return [next];
  const hold: Intent = inconclusive.length
    ? { type: "holdInconclusive", reason: `Step ${i + 1} holds: ${describeOpen(open, latest)}` }
    : { type: "holdForData", reason: `Step ${i + 1} waits for data: ${describeOpen(open, latest)}` };
  return [hold, next];
}

/** When the current analysis step stops waiting and asks a person (lib/strategies/step-deadline.ts). */
export function stepDeadline(snapshot: RolloutSnapshot, step: AnalysisStep, i: number): Date | null {
  return analysisDeadline({
    stepStartedAt: snapshot.rollout.stepStartedAt,
    waitUntil: snapshot.steps.find((s) => s.index === i)?.waitUntil,
    step,
    config: snapshot.rollout.config,
  });
}

function describeOpen(gates: string[], latest: Map<string, SnapshotVerdict>): string {
  return gates
    .map((g) => {
      const v = latest.get(g);
      if (!v) return `"${g}" (no result yet)`;
      const what = v.verdict === "waiting" ? "waiting for data" : v.verdict;
      return `"${g}" ${what}${v.reason ? ` (${v.reason})` : ""}`;
    })
    .join(", ");
}

function clock(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * A fixed-duration run (A/B split, bandit exploration). Guardrails run each interval (fails roll
 * back in reconcile); a pass doesn't end it early. Bandits reallocate once per round.
 */
export function experimentIntents(snapshot: RolloutSnapshot, step: ExperimentStep, i: number, now: Date): Intent[] {
  const started = snapshot.rollout.stepStartedAt!;
  const end = addSeconds(started, step.durationSeconds);
  if (now >= end) return [{ type: "completeStep", stepIndex: i }];
  const config = snapshot.rollout.config;
  const intents: Intent[] = [];
  const wakeUps = [end];
  if (snapshot.rollout.strategy === "bandit") {
    const every = numberOr(config.reallocationIntervalSeconds, DEFAULT_REALLOCATION_SECONDS);
    const round = Math.floor((now.getTime() - started.getTime()) / (every * 1000));
    if (round >= 1) intents.push({ type: "reallocate", stepIndex: i, round });
    wakeUps.push(addSeconds(started, (round + 1) * every));
  }
  const interval = numberOr(config.analysisIntervalSeconds, DEFAULT_ANALYSIS_INTERVAL_SECONDS);
  const next = nextRun(stepVerdicts(snapshot), started, interval, i, now);
  if (next.type === "runAnalysis") intents.push(next);
  else if (next.type === "waitUntil") wakeUps.push(next.at);
  const wake = Math.min(...wakeUps.map((d) => d.getTime()));
  return [...intents, { type: "waitUntil", at: new Date(wake) }];
}

/** Run when an interval has passed since the last run (or since the step started). */
function nextRun(verdicts: SnapshotVerdict[], started: Date, interval: number, i: number, now: Date): Intent {
  const last = verdicts.length ? verdicts[verdicts.length - 1].createdAt : started;
  const due = addSeconds(last, interval);
  return now >= due ? { type: "runAnalysis", stepIndex: i } : { type: "waitUntil", at: due };
}

function latestByGate(verdicts: SnapshotVerdict[]): Map<string, SnapshotVerdict> {
  const latest = new Map<string, SnapshotVerdict>();
  for (const v of verdicts) latest.set(v.gate, v);
  return latest;
}

function inconclusiveStreak(verdicts: SnapshotVerdict[], gate: string): number {
  let streak = 0;
  for (const v of verdicts.filter((x) => x.gate === gate).reverse()) {
    if (v.verdict !== "inconclusive") break;
    streak++;
  }
  return streak;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
