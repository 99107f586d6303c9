// The JSON shape of a rollout for the API and the live page (pure).
import { describeTrafficPath } from "../strategies/traffic-path";
import type { Weights } from "../routers/types";
import type {
  ExposurePhase,
  RolloutStatus,
  StepStatus,
  Strategy,
  StrategyConfig,
  VariantRole,
} from "../strategies/plan";
import type { ApplicationStatus, RouterHealth, RouterType, StepKind } from "../generated/prisma/enums";
import { allowedCommands } from "./state-machine";
import { gateProgress, type GateRunInput } from "../analysis/gate-progress";
import { parseRolloutGates } from "../analysis/default-gates";
import { describeStepWait } from "./step-wait";

interface DetailInput {
  id: string;
  name: string;
  description: string;
  strategy: Strategy;
  status: RolloutStatus;
  exposurePhase: ExposurePhase;
  statusReason: string | null;
  revision: number;
  planHash: string;
  currentStepIndex: number;
  stepStartedAt: Date | null;
  desiredWeights: unknown;
  configVersion: number;
  inSync: boolean;
  config: unknown;
  gates: unknown;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  system: { id: string; slug: string; name: string };
  author: { id: string; name: string };
  variants: {
    key: string;
    role: VariantRole;
    upstreamUrl: string;
    version: { id: string; version: string; model: { name: string } };
  }[];
  steps: {
    index: number;
    kind: StepKind;
    params: unknown;
    status: StepStatus;
    startedAt: Date | null;
    completedAt: Date | null;
    note: string | null;
    waitUntil?: Date | null;
  }[];
  /** Latest analysis runs of the current step (any order). */
  currentRuns?: GateRunInput[];
  /** An acceptance of a step's gates waiting for its second person. */
  pendingOverride?: {
    id: string;
    stepIndex: number;
    reason: string;
    createdAt: Date;
    requestedBy: { id: string; name: string };
  } | null;
  weightChanges: {
    configVersion: number;
    stepIndex: number | null;
    weights: unknown;
    reason: string;
    actor: string;
    createdAt: Date;
    applications: {
      routerId: string;
      status: ApplicationStatus;
      attempts: number;
      lastError: string | null;
      appliedAt: Date | null;
      router: { name: string };
    }[];
  }[];
  routers: {
    id: string;
    name: string;
    type: RouterType;
    health: RouterHealth;
    desiredVersion: number;
    appliedVersion: number;
    lastAppliedAt: Date | null;
    lastError: string | null;
    desiredConfig: unknown;
  }[];
}

export function presentRollout(r: DetailInput) {
  const weights = r.desiredWeights as Weights;
  const mirror = r.strategy === "shadow" ? mirrorShare(r) : 0;
  const path = describeTrafficPath({
    strategy: r.strategy,
    status: r.status,
    variants: r.variants.map((v) => ({
      key: v.key,
      role: v.role,
      label: v.version.version,
    })),
    weights,
    config: r.config as StrategyConfig,
    mirrorBasisPoints: mirror,
    overrideHeader: (r.config as { overrideHeader?: string }).overrideHeader,
  });
  const latest = r.weightChanges[0];
  const gates = gateProgress(r.currentRuns ?? [], currentStepGates(r));
  const pendingOverride = r.pendingOverride ?? null;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    strategy: r.strategy,
    status: r.status,
    phase: r.exposurePhase,
    statusReason: r.statusReason,
    revision: r.revision,
    planHash: r.planHash,
    allowedCommands: allowedCommands(r.status),
    system: r.system,
    author: r.author,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    currentStepIndex: r.currentStepIndex,
    stepStartedAt: r.stepStartedAt,
    desiredWeights: weights,
    configVersion: r.configVersion,
    inSync: r.inSync,
    trafficPath: path,
    /** What the rollout waits for right now and until when (step-wait.ts). */
    waitingFor: describeStepWait({
      status: r.status,
      statusReason: r.statusReason,
      currentStepIndex: r.currentStepIndex,
      stepStartedAt: r.stepStartedAt,
      steps: r.steps,
      config: r.config as StrategyConfig,
      inSync: r.inSync,
      configVersion: r.configVersion,
      gates,
      pendingOverride: pendingOverride && {
        stepIndex: pendingOverride.stepIndex,
        requestedBy: pendingOverride.requestedBy.name,
      },
    }),
    /** The current step's gates: state, n of N, ETA, one-line verdict (gate-progress.ts). */
    gateProgress: gates,
    pendingOverride,
    config: r.config,
    gates: r.gates,
    // Champion first, then challengers by key: colours and legends follow this order.
    variants: [...r.variants]
      .sort((a, b) => (a.role === b.role ? a.key.localeCompare(b.key) : a.role === "champion" ? -1 : 1))
      .map((v) => ({
        key: v.key,
        role: v.role,
        upstreamUrl: v.upstreamUrl,
        versionId: v.version.id,
        version: v.version.version,
        model: v.version.model.name,
      })),
    steps: r.steps.map((s) => ({
      index: s.index,
      kind: s.kind,
      params: s.params,
      status: s.status,
      startedAt: s.startedAt,
      completedAt: s.completedAt,
      note: s.note,
    })),
    routers: r.routers.map((router) => {
      const app = latest?.applications.find((a) => a.routerId === router.id);
      const served = (router.desiredConfig as { weights?: Weights } | null)?.weights;
      return {
        id: router.id,
        name: router.name,
        type: router.type,
        health: router.health,
        desiredVersion: router.desiredVersion,
        appliedVersion: router.appliedVersion,
        inSync: router.desiredVersion === router.appliedVersion && (!app || app.status === "applied"),
        servedWeights: router.desiredVersion === router.appliedVersion ? (served ?? null) : null,
        rolloutChange: app
          ? {
              configVersion: latest!.configVersion,
              status: app.status,
              attempts: app.attempts,
              lastError: app.lastError,
              appliedAt: app.appliedAt,
            }
          : null,
        lastAppliedAt: router.lastAppliedAt,
        lastError: router.lastError,
      };
    }),
    weightChanges: r.weightChanges.map((w) => ({
      configVersion: w.configVersion,
      stepIndex: w.stepIndex,
      weights: w.weights,
      reason: w.reason,
      actor: w.actor,
      createdAt: w.createdAt,
      applications: w.applications.map((a) => ({
        router: a.router.name,
        status: a.status,
        attempts: a.attempts,
        lastError: a.lastError,
        appliedAt: a.appliedAt,
      })),
    })),
  };
}

export type PresentedRollout = ReturnType<typeof presentRollout>;

/** The gates the current step judges: the ones it names, else every gate of the rollout. */
function currentStepGates(r: DetailInput): string[] {
  const step = r.steps.find((s) => s.index === r.currentStepIndex);
  if (!step || step.kind !== "analysis") return [];
  const named = (step.params as { gates?: unknown }).gates;
  if (Array.isArray(named) && named.length) return named.map(String);
  return parseRolloutGates(r.gates).gates.map((g) => g.name);
}

function mirrorShare(r: DetailInput): number {
  for (let i = Math.min(r.currentStepIndex, r.steps.length - 1); i >= 0; i--) {
    const s = r.steps[i];
    if (s && s.kind === "mirror" && s.status !== "pending")
      return (s.params as { sampleBasisPoints?: number }).sampleBasisPoints ?? 0;
  }
  return 0;
}
