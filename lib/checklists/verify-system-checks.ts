// Runs the checklist items Switchyard can verify itself and stores verdicts with their evidence.
import type { PrismaClient } from "../db/create-client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { NotFoundError } from "../errors";
import { systemContext, type ServiceContext } from "../permissions";
import { markReadyIfDone } from "../approvals/mark-ready";
import { strategyModule } from "../strategies/registry";
import type { PlanStep, PlanVariant, StrategyConfig } from "../strategies/plan";
import {
  checkHealth,
  checkOfflineMetrics,
  checkRollbackPlan,
  checkRouters,
  type CheckResult,
  type HealthProbe,
} from "./system-checks";
import { jsonColumn } from "../db/json-column";

const HEALTH_TIMEOUT_MS = 3_000;

export interface SystemCheckOutcome {
  itemId: string;
  label: string;
  status: "verified" | "failed";
  summary: string;
}

/**
 * Evaluates every system-verified item of the rollout's checklist (offline_metrics,
 * routers_healthy, rollback_plan, health_checks) and stores verified/failed with the evidence.
 * Endpoints are probed before the transaction opens, never inside it.
 */
export async function runSystemChecks(
  db: PrismaClient,
  rolloutId: string,
  ctx: ServiceContext = systemContext("checklist"),
): Promise<SystemCheckOutcome[]> {
  const rollout = await db.rollout.findUnique({
    where: { id: rolloutId },
    include: {
      system: { include: { routers: { orderBy: { name: "asc" } } } },
      variants: { include: { version: true }, orderBy: { key: "asc" } },
      steps: { orderBy: { index: "asc" } },
      checklistItems: { where: { verification: { not: "manual" } }, orderBy: { position: "asc" } },
    },
  });
  if (!rollout) throw new NotFoundError("No such rollout.");
  const kinds = new Set(rollout.checklistItems.map((i) => i.verification));
  const champion = rollout.variants.find((v) => v.role === "champion");
  const challengers = rollout.variants.filter((v) => v.role === "challenger");

  const results = new Map<string, CheckResult>();
  if (kinds.has("offline_metrics"))
    results.set("offline_metrics", offlineMetrics(champion?.version.offlineMetrics, challengers));
  if (kinds.has("routers_healthy")) results.set("routers_healthy", checkRouters(rollout.system.routers));
  if (kinds.has("rollback_plan")) {
    const variants: PlanVariant[] = rollout.variants.map((v) => ({ key: v.key, role: v.role }));
    const steps = rollout.steps.map((s) => ({ kind: s.kind, ...(s.params as object) }) as PlanStep);
    let problems: string[];
    try {
      problems = strategyModule(rollout.strategy).validatePlan(steps, rollout.config as StrategyConfig, {
        variants,
        mirrorSafeRoutes: rollout.system.mirrorSafeRoutes,
      });
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    results.set(
      "rollback_plan",
      checkRollbackPlan(champion && { key: champion.key, upstreamUrl: champion.upstreamUrl }, problems),
    );
  }
  if (kinds.has("health_checks"))
    results.set(
      "health_checks",
      checkHealth(await Promise.all(rollout.variants.map((v) => probe(v.key, v.upstreamUrl)))),
    );

  const checkedAt = new Date();
  return db.$transaction(async (tx) => {
    const outcomes: SystemCheckOutcome[] = [];
    for (const item of rollout.checklistItems) {
      const result = results.get(item.verification)!;
      const status = result.ok ? "verified" : "failed";
      await tx.checklistItem.update({
        where: { id: item.id },
        data: {
          status,
          signedById: null,
          signedAt: checkedAt,
          evidence: jsonColumn({ ...result, checkedAt: checkedAt.toISOString() }),
        },
      });
      outcomes.push({ itemId: item.id, label: item.label, status, summary: result.summary });
    }
    await writeAuditEvent(tx, ctx, {
      action: "checklist.verify",
      entityType: "rollout",
      entityId: rollout.id,
      after: outcomes,
    });
    await markReadyIfDone(tx, ctx, rollout.id);
    return outcomes;
  });
}

function offlineMetrics(
  championMetrics: unknown,
  challengers: { key: string; version: { version: string; offlineMetrics: unknown } }[],
): CheckResult {
  if (championMetrics === undefined) return { ok: false, summary: "the rollout has no champion to compare with" };
  if (challengers.length === 0) return { ok: false, summary: "the rollout has no challenger" };
  const perChallenger = challengers.map((c) => ({
    key: c.key,
    version: c.version.version,
    ...checkOfflineMetrics(
      c.version.offlineMetrics as Record<string, unknown>,
      championMetrics as Record<string, unknown>,
    ),
  }));
  const bad = perChallenger.filter((c) => !c.ok);
  return {
    ok: bad.length === 0,
    summary:
      challengers.length === 1
        ? perChallenger[0]!.summary
        : bad.length
          ? bad.map((c) => `${c.version}: ${c.summary}`).join("; ")
          : `${challengers.length} challengers within tolerance`,
    challengers: perChallenger,
  };
}

async function probe(variant: string, upstreamUrl: string): Promise<HealthProbe> {
  const url = `${upstreamUrl.replace(/\/+$/, "")}/healthz`;
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS), redirect: "manual" });
    await res.body?.cancel();
    return { variant, url, status: res.status, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${HEALTH_TIMEOUT_MS / 1000} s`
        : (cause ?? (error as Error).message);
    return { variant, url, status: null, error: message, ms: Math.round(performance.now() - started) };
  }
}
