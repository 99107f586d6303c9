// Pure: the parts of a deployment record (seed 001's format) computed from a rollout's rows, and
// the digest that freezes it. No database here, so exports and tests can recompute a digest.
import crypto from "node:crypto";
import { canonicalJson } from "../audit/canonical-json";
import { LATENCY_BUCKET_BOUNDS_MS } from "../dataplane/latency-buckets";
import {
  basicStepWeights,
  EXPOSURE_PHASES,
  formatPercent,
  phaseForWeight,
  type PlanStep,
  type PlanVariant,
} from "../strategies/plan";
import type { Weights } from "../routers/types";

export interface RecordStage {
  index: number;
  label: string;
  phase: string;
  /** Basis points per variant key while the stage ran. */
  weights: Weights;
  status: string;
  startedAt: string | null;
  completedAt: string | null;
  steps: {
    index: number;
    kind: string;
    status: string;
    startedAt: string | null;
    completedAt: string | null;
    note: string | null;
  }[];
}

export interface VariantMetrics {
  requests: number;
  errors: number;
  errorRate: number | null;
  p95LatencyMs: number | null;
  labelled: number;
  accuracy: number | null;
}

export interface StageMetrics {
  stage: number;
  label: string;
  from: string | null;
  to: string | null;
  variants: Record<string, VariantMetrics>;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actor: string;
  detail: string;
  auditId?: string;
}

export interface RecordIssue {
  at: string;
  kind: "analysis_failed" | "rollback" | "incident" | "override";
  summary: string;
}

/** Everything the digest covers: the record as an auditor reads it, and the audit head it was tied to. */
export interface RecordContent {
  number: string;
  rolloutId: string;
  rolloutName: string;
  system: { slug: string; name: string };
  fromVersion: string;
  toVersion: string;
  strategy: string;
  startedAt: string | null;
  stages: unknown;
  timeline: unknown;
  metrics: unknown;
  issues: unknown;
  rollbackUsed: boolean;
  notes: string;
  outcome: string | null;
  frozenAt: string | null;
  auditHash: string | null;
  /** The rollout spec it was applied from (rollouts as code); absent otherwise, so older digests hold. */
  spec?: { hash: string; spec: unknown };
}

export interface StepRow {
  index: number;
  kind: string;
  params: unknown;
  status: string;
  startedAt: Date | null;
  completedAt: Date | null;
  note: string | null;
}

const STAGE_KINDS = new Set(["set_weight", "switch", "mirror", "experiment"]);

/**
 * Groups plan steps into stages: a new stage begins at each step that changes what users get
 * (a weight, a switch, a mirror, an experiment), together with the phase changes just before it;
 * pauses and analyses belong to the stage they run in. Steps before the first weight form the
 * "Internal" stage. A stage's phase is the one it ran in: the phase the plan had set when its
 * traffic changed, and never less than its share of users implies (1 % is alpha at least, 100 %
 * is GA), so a phase change that opens the next stage is never written on the one before it.
 */
export function buildStages(steps: StepRow[], variants: PlanVariant[], endedAt: Date | null): RecordStage[] {
  const champion = variants.find((v) => v.role === "champion")?.key;
  const baseWeights: Weights = champion ? { [champion]: 10_000 } : {};
  const rows = [...steps].sort((a, b) => a.index - b.index);
  const plan = rows.map((s) => ({ kind: s.kind, ...(s.params as object) }) as PlanStep);
  const stages: RecordStage[] = [];
  let phase = "internal";
  let current = null as RecordStage | null;
  /** The current stage was opened by phase changes and its traffic step is still to come. */
  let opening = false;
  rows.forEach((s, k) => {
    const step = plan[k];
    if (step.kind === "set_phase") phase = step.phase;
    // Entering "internal" (0 %, header override only) is a stage of its own, never the next one's start.
    const opensNext = step.kind === "set_phase" && step.phase !== "internal" && !opening && nextChangesTraffic(plan, k);
    const changesTraffic = STAGE_KINDS.has(s.kind);
    if (!current || opensNext || (changesTraffic && !opening)) {
      current = {
        index: stages.length,
        label: "internal 0 %",
        phase,
        weights: current?.weights ?? baseWeights,
        status: "pending",
        startedAt: null,
        completedAt: null,
        steps: [],
      };
      stages.push(current);
      opening = opensNext;
    }
    if (changesTraffic) {
      const weights: Weights = stageWeights(step, variants) ?? stages[stages.length - 2]?.weights ?? baseWeights;
      const challengerShare = Object.entries(weights)
        .filter(([key]) => key !== champion)
        .reduce((n, [, w]) => n + w, 0);
      current.weights = weights;
      current.label = stageLabel(step, challengerShare);
      current.phase = laterPhase(phase, step.kind === "switch" ? "ga" : impliedPhase(step, challengerShare));
      opening = false;
    }
    current.steps.push({
      index: s.index,
      kind: s.kind,
      status: s.status,
      startedAt: iso(s.startedAt),
      completedAt: iso(s.completedAt),
      note: s.note,
    });
  });
  for (const [i, stage] of stages.entries()) {
    const started = stage.steps.map((x) => x.startedAt).filter((x): x is string => !!x);
    stage.startedAt = started.sort()[0] ?? null;
    const next = stages[i + 1]?.startedAt ?? null;
    const completed = stage.steps
      .map((x) => x.completedAt)
      .filter((x): x is string => !!x)
      .sort();
    // A stage that never started has no end either; a running one ends when the rollout did.
    stage.completedAt = !stage.startedAt
      ? null
      : (next ??
        (stage.steps.every((x) => x.completedAt || x.status === "skipped")
          ? (completed.at(-1) ?? null)
          : iso(endedAt)));
    stage.status = stage.steps.some((x) => x.status === "failed")
      ? "failed"
      : stage.steps.every((x) => x.status === "completed" || x.status === "skipped")
        ? "completed"
        : stage.steps.some((x) => x.status !== "pending")
          ? "running"
          : "pending";
  }
  return stages;
}

/** After the phase changes starting at `k`, the next step changes what users get. */
function nextChangesTraffic(plan: PlanStep[], k: number): boolean {
  for (let j = k + 1; j < plan.length; j++) {
    if (plan[j].kind === "set_phase") continue;
    return STAGE_KINDS.has(plan[j].kind);
  }
  return false;
}

/** The least phase a share of users means: a shadow or an experiment keeps the phase as it is. */
function impliedPhase(step: PlanStep, challengerShare: number): string {
  return step.kind === "set_weight" && challengerShare > 0 ? phaseForWeight(challengerShare) : "internal";
}

function laterPhase(a: string, b: string): string {
  const rank = (phase: string) => EXPOSURE_PHASES.findIndex((p) => p === phase);
  return rank(a) >= rank(b) ? a : b;
}

/** Seed 001's "Stages: 1% → 10% → 50% → 100%". */
export function stagesSummary(stages: Pick<RecordStage, "label">[]): string {
  return stages.map((s) => s.label).join(" → ");
}

export interface RollupSums {
  variant: string;
  requests: number;
  errors: number;
  labelled: number;
  correct: number;
  latencyBuckets: number[];
}

export function variantMetrics(sums: RollupSums): VariantMetrics {
  return {
    requests: sums.requests,
    errors: sums.errors,
    errorRate: sums.requests > 0 ? sums.errors / sums.requests : null,
    p95LatencyMs: percentileFromBuckets(sums.latencyBuckets, 0.95),
    labelled: sums.labelled,
    accuracy: sums.labelled > 0 ? sums.correct / sums.labelled : null,
  };
}

/** Upper bound (ms) of the histogram bucket holding the q-quantile; the overflow bucket reports
 * the largest bound with a ">" meaning, returned as Infinity-free number for JSON. */
export function percentileFromBuckets(buckets: number[], q: number): number | null {
  const total = buckets.reduce((n, c) => n + c, 0);
  if (total === 0) return null;
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= target) return LATENCY_BUCKET_BOUNDS_MS[Math.min(i, LATENCY_BUCKET_BOUNDS_MS.length - 1)]!;
  }
  return LATENCY_BUCKET_BOUNDS_MS.at(-1)!;
}

export function recordDigest(content: RecordContent): string {
  return crypto.createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** The digested content of a stored record (DeploymentRecord row with its system). */
export function recordContentOf(r: {
  number: string;
  rolloutId: string;
  rollout?: { name: string } | null;
  system: { slug: string; name: string };
  fromVersion: string;
  toVersion: string;
  strategy: string;
  startedAt: Date | null;
  stages: unknown;
  timeline: unknown;
  metrics: unknown;
  issues: unknown;
  rollbackUsed: boolean;
  notes: string;
  outcome: string | null;
  frozenAt: Date | null;
  auditHash: string | null;
  spec?: unknown;
  specHash?: string | null;
}): RecordContent {
  return {
    number: r.number,
    rolloutId: r.rolloutId,
    rolloutName: r.rollout?.name ?? "",
    system: { slug: r.system.slug, name: r.system.name },
    fromVersion: r.fromVersion,
    toVersion: r.toVersion,
    strategy: r.strategy,
    startedAt: iso(r.startedAt),
    stages: r.stages,
    timeline: r.timeline,
    metrics: r.metrics,
    issues: r.issues,
    rollbackUsed: r.rollbackUsed,
    notes: r.notes,
    outcome: r.outcome,
    frozenAt: iso(r.frozenAt),
    auditHash: r.auditHash,
    ...(r.specHash ? { spec: { hash: r.specHash, spec: r.spec ?? null } } : {}),
  };
}

function stageWeights(step: PlanStep, variants: PlanVariant[]): Weights | null {
  try {
    return basicStepWeights(step, variants);
  } catch {
    return null;
  }
}

function stageLabel(step: PlanStep, challengerShare: number): string {
  if (step.kind === "mirror") return `shadow ${formatPercent(step.sampleBasisPoints)}`;
  if (step.kind === "switch") return "switch 100 %";
  if (step.kind === "experiment") return `experiment ${formatPercent(challengerShare)}`;
  if (step.kind === "set_weight") return formatPercent(challengerShare);
  return "internal 0 %";
}

function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
