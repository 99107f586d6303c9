// What a rollout waits for right now, and until when: a timed pause, data for its gates, a
// person, or the routers. The rollout page shows it above everything else so nobody has to guess
// why nothing moves. Pure and client-safe; times are returned, not formatted.
import type { GateProgress } from "../analysis/gate-progress";
import { formatEta } from "../analysis/gate-progress";
import type { AnalysisStep, RolloutStatus, StrategyConfig } from "../strategies/plan";
import { analysisDeadline } from "../strategies/step-deadline";

export type WaitKind = "time" | "data" | "person" | "routers" | "controller" | "nothing";

export interface StepWait {
  waitsFor: WaitKind;
  headline: string;
  /** Lines under the headline, e.g. one per undecided gate. */
  details: string[];
  /** When the wait ends by itself (a timed pause), or when a person is asked (an analysis step's maximum wait). */
  until: string | null;
  /** What happens at `until`. */
  untilMeans: string | null;
  stepIndex: number | null;
}

export interface StepWaitInput {
  status: RolloutStatus;
  statusReason: string | null;
  currentStepIndex: number;
  stepStartedAt: Date | string | null;
  steps: { index: number; kind: string; params: unknown; waitUntil?: Date | string | null }[];
  config: StrategyConfig;
  inSync: boolean;
  configVersion: number;
  /** Gates of the current step (gate-progress.ts). */
  gates: GateProgress[];
  pendingOverride: { stepIndex: number; requestedBy: string } | null;
}

export function describeStepWait(r: StepWaitInput): StepWait {
  const i = r.currentStepIndex;
  const base = { details: [] as string[], until: null, untilMeans: null, stepIndex: null };
  switch (r.status) {
    case "draft":
      return { ...base, waitsFor: "person", headline: "Draft: waiting for its author to submit it for approval" };
    case "awaiting_approval":
      return { ...base, waitsFor: "person", headline: "Waiting for the checklist sign-offs and the plan's approvals" };
    case "ready":
      return { ...base, waitsFor: "person", headline: "Approved: waiting for someone to start it" };
    case "completed":
    case "aborted":
    case "rolled_back":
      return { ...base, waitsFor: "nothing", headline: "Ended: nothing more to wait for" };
    case "promoting":
      return r.inSync
        ? { ...base, waitsFor: "controller", headline: "Promoting: moving everyone to the new version" }
        : {
            ...base,
            waitsFor: "routers",
            headline: `Promoting: waiting for every router to confirm config v${r.configVersion}`,
          };
  }
  const stepNo = i + 1;
  if (r.pendingOverride && r.pendingOverride.stepIndex === i) {
    return {
      ...base,
      stepIndex: i,
      waitsFor: "person",
      headline: `Waiting for a second person to confirm accepting step ${stepNo} (asked by ${r.pendingOverride.requestedBy})`,
      details: undecided(r.gates),
    };
  }
  if (r.status === "paused") {
    return {
      ...base,
      stepIndex: i,
      waitsFor: "person",
      headline: "Paused: waiting for a person to decide",
      details: [
        ...(r.statusReason ? [r.statusReason] : []),
        "Resume, keep waiting, accept the step with a reason (a second person confirms), roll back, or abort.",
      ],
    };
  }
  if (!r.inSync)
    return {
      ...base,
      stepIndex: i,
      waitsFor: "routers",
      headline: `Waiting for every router to confirm config v${r.configVersion}`,
    };
  const step = r.steps.find((s) => s.index === i);
  if (!step) return { ...base, waitsFor: "controller", headline: "Plan finished: completing the rollout" };
  const params = (step.params ?? {}) as Record<string, unknown>;
  const started = r.stepStartedAt ? new Date(r.stepStartedAt) : null;
  if (!started) return { ...base, stepIndex: i, waitsFor: "controller", headline: `Starting step ${stepNo}` };
  switch (step.kind) {
    case "pause": {
      const until =
        typeof params.until === "string"
          ? new Date(params.until)
          : typeof params.durationSeconds === "number"
            ? new Date(started.getTime() + params.durationSeconds * 1000)
            : null;
      if (!until)
        return {
          ...base,
          stepIndex: i,
          waitsFor: "person",
          headline: `Step ${stepNo} holds until someone advances or promotes it`,
        };
      return {
        ...base,
        stepIndex: i,
        waitsFor: "time",
        headline: `Step ${stepNo}: a timed pause`,
        until: until.toISOString(),
        untilMeans: "moves on by itself",
      };
    }
    case "experiment": {
      const seconds = typeof params.durationSeconds === "number" ? params.durationSeconds : 0;
      return {
        ...base,
        stepIndex: i,
        waitsFor: "time",
        headline: `Step ${stepNo}: the experiment runs for its planned duration`,
        until: new Date(started.getTime() + seconds * 1000).toISOString(),
        untilMeans: "ends and reports",
      };
    }
    case "analysis": {
      const open = r.gates.filter((g) => g.state !== "pass");
      if (r.gates.length > 0 && open.length === 0)
        return { ...base, stepIndex: i, waitsFor: "controller", headline: `Step ${stepNo}: every gate passes` };
      const deadline = analysisDeadline({
        stepStartedAt: started,
        waitUntil: step.waitUntil ? new Date(step.waitUntil) : null,
        step: params as Pick<AnalysisStep, "maxWaitSeconds">,
        config: r.config,
      });
      const inconclusive = open.some((g) => g.state === "inconclusive");
      const slowest = open
        .map((g) => g.etaMinutes)
        .filter((m): m is number => m !== null)
        .sort((a, b) => b - a)[0];
      return {
        ...base,
        stepIndex: i,
        waitsFor: "data",
        headline: inconclusive
          ? `Step ${stepNo}: a gate has its sample and can't decide yet`
          : `Step ${stepNo} waits for data for its gates${slowest !== undefined ? ` (${formatEta(slowest)} at the current rate)` : ""}`,
        details: undecided(r.gates),
        until: deadline?.toISOString() ?? null,
        untilMeans: "pauses and asks a person if still undecided",
      };
    }
    default:
      return { ...base, stepIndex: i, waitsFor: "controller", headline: `Applying step ${stepNo}` };
  }
}

function undecided(gates: GateProgress[]): string[] {
  return gates.filter((g) => g.state !== "pass").map((g) => `${g.gate}: ${g.line}`);
}
