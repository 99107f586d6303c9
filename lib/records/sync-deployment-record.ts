// Shared by web and the controller process (no "server-only"): called inside the transaction of
// every rollout state change, so the record always agrees with the rollout it describes.
import type { Tx } from "../db/create-client";
import { Prisma } from "../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { GENESIS_HASH } from "../audit/audit-hash";
import { systemContext } from "../permissions";
import { isActive, isTerminal } from "../rollouts/state-machine";
import {
  buildStages,
  recordContentOf,
  recordDigest,
  variantMetrics,
  type RecordIssue,
  type RecordStage,
  type StageMetrics,
} from "./record-content";
import { stageMetricSums } from "./stage-metric-sums";
import { buildTimeline } from "./build-timeline";
import { jsonColumn } from "../db/json-column";

const ROLLOUT_INCLUDE = {
  system: { select: { id: true, slug: true, name: true } },
  variants: { include: { version: { select: { version: true, model: { select: { name: true } } } } } },
  steps: { orderBy: { index: "asc" } },
  rollbackRequests: {
    orderBy: { createdAt: "asc" },
    include: { requestedBy: { select: { name: true } }, confirmedBy: { select: { name: true } } },
  },
  incidents: { orderBy: { createdAt: "asc" } },
  analysisRuns: { where: { verdict: "fail" }, orderBy: { createdAt: "asc" } },
  approvals: { select: { id: true } },
  checklistItems: { select: { id: true, label: true } },
  gateOverrides: {
    orderBy: { createdAt: "asc" },
    include: { requestedBy: { select: { name: true } }, confirmedBy: { select: { name: true } } },
  },
} satisfies Prisma.RolloutInclude;
type RolloutRows = Prisma.RolloutGetPayload<{ include: typeof ROLLOUT_INCLUDE }>;

/** Serialises record numbering (DR-2026-0001, DR-2026-0002...) across processes. */
const RECORD_NUMBER_LOCK = 4_242_101;

/**
 * Writes the rollout's deployment record in seed 001's format: created when the rollout starts,
 * brought up to date on every call (stages, timeline, metrics per stage, issues, rollback used),
 * and frozen once the rollout is completed, aborted or rolled back (digest + audit head, and a
 * `deployment_record.freeze` audit event carrying the digest). A frozen record is never changed
 * again: this returns early, and a trigger refuses UPDATE and DELETE of frozen rows.
 */
export async function syncDeploymentRecord(tx: Tx, rolloutId: string): Promise<void> {
  const existing = await tx.deploymentRecord.findUnique({
    where: { rolloutId },
    select: { id: true, number: true, frozenAt: true, createdAt: true },
  });
  if (existing?.frozenAt) return;
  const rollout = await tx.rollout.findUnique({
    where: { id: rolloutId },
    include: ROLLOUT_INCLUDE,
  });
  if (!rollout) return;
  if (!existing && !isActive(rollout.status) && !isTerminal(rollout.status) && !rollout.startedAt) return;

  const now = new Date();
  const variants = rollout.variants.map((v) => ({ key: v.key, role: v.role }));
  const stages = buildStages(rollout.steps, variants, rollout.endedAt);
  const terminal = isTerminal(rollout.status);
  const metrics = await stageMetrics(tx, rollout.id, stages, terminal ? (rollout.endedAt ?? now) : now);
  const timeline = await buildTimeline(tx, rollout);
  const issues = buildIssues(rollout);
  const rollbackUsed =
    rollout.status === "rolled_back" || rollout.rollbackRequests.some((r) => r.status === "executed");
  const champion = rollout.variants.find((v) => v.role === "champion");
  const challengers = rollout.variants.filter((v) => v.role === "challenger");
  const data = {
    systemId: rollout.system.id,
    fromVersion: champion ? champion.version.version : "—",
    toVersion: challengers.map((v) => v.version.version).join(", ") || "—",
    strategy: rollout.strategy,
    stages: jsonColumn(stages),
    timeline: jsonColumn(timeline),
    metrics: jsonColumn(metrics),
    issues: jsonColumn(issues),
    rollbackUsed,
    notes: [rollout.description, rollout.statusReason].filter(Boolean).join("\n"),
    spec: rollout.spec ?? undefined,
    specHash: rollout.specHash,
    startedAt: rollout.startedAt ?? existing?.createdAt ?? now,
  };

  let record = existing
    ? await tx.deploymentRecord.update({
        where: { id: existing.id },
        data,
        include: { system: true, rollout: { select: { name: true } } },
      })
    : await tx.deploymentRecord.create({
        data: { ...data, rolloutId, number: await nextRecordNumber(tx, rollout.startedAt ?? now) },
        include: { system: true, rollout: { select: { name: true } } },
      });
  const ctx = systemContext("records");
  if (!existing) {
    await writeAuditEvent(tx, ctx, {
      action: "deployment_record.create",
      entityType: "deployment_record",
      entityId: record.id,
      after: { number: record.number, rolloutId },
    });
  }
  if (!terminal) return;

  const head = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const auditHash = head?.hash ?? GENESIS_HASH;
  const frozenAt = now;
  const outcome = rollout.status;
  const digest = recordDigest(recordContentOf({ ...record, outcome, frozenAt, auditHash }));
  record = await tx.deploymentRecord.update({
    where: { id: record.id },
    data: { outcome, frozenAt, auditHash, digest },
    include: { system: true, rollout: { select: { name: true } } },
  });
  await writeAuditEvent(tx, ctx, {
    action: "deployment_record.freeze",
    entityType: "deployment_record",
    entityId: record.id,
    after: { number: record.number, rolloutId, outcome, digest, auditHash },
  });
}

async function nextRecordNumber(tx: Tx, startedAt: Date): Promise<string> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${RECORD_NUMBER_LOCK})`);
  const prefix = `DR-${startedAt.getUTCFullYear()}-`;
  const last = await tx.deploymentRecord.findFirst({
    where: { number: { startsWith: prefix } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const n = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, "0")}`;
}

async function stageMetrics(tx: Tx, rolloutId: string, stages: RecordStage[], until: Date): Promise<StageMetrics[]> {
  const out: StageMetrics[] = [];
  for (const stage of stages) {
    if (!stage.startedAt) continue;
    const from = new Date(stage.startedAt);
    const to = stage.completedAt ? new Date(stage.completedAt) : until;
    const sums = await stageMetricSums(tx, rolloutId, from, to);
    out.push({
      stage: stage.index,
      label: stage.label,
      from: stage.startedAt,
      to: to.toISOString(),
      variants: Object.fromEntries(sums.map((s) => [s.variant, variantMetrics(s)])),
    });
  }
  return out;
}

function buildIssues(rollout: RolloutRows): RecordIssue[] {
  const issues: RecordIssue[] = [];
  for (const run of rollout.analysisRuns) {
    issues.push({
      at: run.createdAt.toISOString(),
      kind: "analysis_failed",
      summary: `Gate ${run.gate} failed${run.stepIndex !== null ? ` at step ${run.stepIndex + 1}` : ""}${evidenceSummary(run.evidence)}`,
    });
  }
  for (const r of rollout.rollbackRequests) {
    issues.push({
      at: r.createdAt.toISOString(),
      kind: "rollback",
      summary: `Rollback ${r.status}${r.breakGlass ? " (break-glass)" : ""}${r.source === "automatic" ? " (automatic)" : ""}: ${r.reason}`,
    });
  }
  for (const o of rollout.gateOverrides) {
    if (o.status !== "confirmed") continue;
    const gates = (o.gates as { gate: string; verdict: string }[]).map((g) => `${g.gate} (${g.verdict})`).join(", ");
    issues.push({
      at: (o.confirmedAt ?? o.createdAt).toISOString(),
      kind: "override",
      summary: `Step ${o.stepIndex + 1} accepted without its gates deciding: ${gates}. Reason: ${o.reason}. Asked by ${o.requestedBy.name}, confirmed by ${o.confirmedBy?.name ?? "—"}.`,
    });
  }
  for (const i of rollout.incidents) {
    issues.push({
      at: i.createdAt.toISOString(),
      kind: "incident",
      summary: `Incident (${i.severity}, ${i.status}): ${i.title}${i.rootCause ? `. Root cause: ${i.rootCause}` : ""}`,
    });
  }
  return issues.sort((a, b) => a.at.localeCompare(b.at));
}

function evidenceSummary(evidence: unknown): string {
  const e = (evidence ?? {}) as Record<string, unknown>;
  return typeof e.summary === "string" ? `: ${e.summary}` : typeof e.reason === "string" ? `: ${e.reason}` : "";
}
