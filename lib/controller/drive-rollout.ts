// Moves one rollout as far as it can go now: reconcile under the rollout's lock, apply the
// database side, then push routers, run due analysis and bandit rounds outside the transaction,
// and go again while something changed. Used by the controller loop and, for immediate effect,
// by the web verbs right after a command commits.
import type { PrismaClient } from "../db/create-client";
import type { ServiceContext } from "../permissions";
import { weightsEqual, type Weights } from "../routers/types";
import { lockRollout } from "../rollouts/lock-rollout";
import { pushSystemRouting, type PushResult } from "../rollouts/push-routing";
import { recordWeightChange } from "../rollouts/record-weight-change";
import { runRolloutAnalysis } from "../analysis/run-analysis";
import { computeBanditWeights } from "../analysis/bandit-weights";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertLease, assertLeaseInTx, currentEpoch } from "./epoch";
import { loadSnapshot } from "./load-snapshot";
import { reconcile } from "./reconcile";
import { applyIntents } from "./apply-intents";

export interface DriveResult {
  rounds: number;
  pushes: PushResult[];
  wakeAt: Date | null;
  waitingForSync: boolean;
}

export async function driveRollout(
  db: PrismaClient,
  input: {
    rolloutId: string;
    ctx: ServiceContext;
    epoch?: number;
    /** The elected controller: every transaction and push checks the lease still has `epoch`. */
    fenced?: boolean;
    now?: () => Date;
    maxRounds?: number;
  },
): Promise<DriveResult> {
  const now = input.now ?? (() => new Date());
  const epoch = input.epoch ?? (await currentEpoch(db));
  const result: DriveResult = { rounds: 0, pushes: [], wakeAt: null, waitingForSync: false };
  for (let round = 0; round < (input.maxRounds ?? 12); round++) {
    result.rounds = round + 1;
    const after = await db.$transaction(
      async (tx) => {
        await lockRollout(tx, input.rolloutId);
        if (input.fenced) await assertLeaseInTx(tx, epoch);
        const snapshot = await loadSnapshot(tx, input.rolloutId);
        const intents = reconcile(snapshot, now());
        return {
          systemId: snapshot.systemId,
          ...(await applyIntents(tx, input.ctx, input.rolloutId, intents, now(), epoch)),
        };
      },
      { timeout: 30_000 },
    );
    result.wakeAt = after.wakeAt;
    result.waitingForSync = after.waitingForSync;
    let moved = after.progressed;
    if (after.push || (after.waitingForSync && (await retryDue(db, input.rolloutId, now())))) {
      if (input.fenced) await assertLease(db, epoch);
      const pushes = await pushSystemRouting(db, { systemId: after.systemId, epoch, settle: after.settle });
      result.pushes.push(...pushes);
      moved = moved || pushes.some((p) => p.ok);
      if (after.waitingForSync && !pushes.every((p) => p.ok)) break;
    }
    for (const stepIndex of after.analysis) {
      await runRolloutAnalysis(db, { rolloutId: input.rolloutId, stepIndex, now: now() });
      moved = true;
    }
    for (const r of after.reallocate) {
      if (await reallocate(db, input, r, epoch, now())) moved = true;
    }
    if (!moved || after.settle) break;
  }
  return result;
}

/** Failed pushes wait for their backoff; never-attempted ones go at once. */
async function retryDue(db: PrismaClient, rolloutId: string, now: Date): Promise<boolean> {
  const waiting = await db.routerApplication.findFirst({
    where: {
      status: { not: "applied" },
      weightChange: { rolloutId },
      OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }],
    },
    select: { id: true },
  });
  return waiting !== null;
}

/** One bandit round: new weights from rewards. A round happens once (its bandit_rounds row). */
async function reallocate(
  db: PrismaClient,
  input: { rolloutId: string; ctx: ServiceContext; fenced?: boolean },
  r: { stepIndex: number; round: number },
  epoch: number,
  now: Date,
): Promise<boolean> {
  const reason = `Bandit round ${r.round} of step ${r.stepIndex + 1}`;
  const key = { rolloutId: input.rolloutId, stepIndex: r.stepIndex, round: r.round };
  const done = await db.banditRound.findUnique({ where: { rolloutId_stepIndex_round: key }, select: { round: true } });
  if (done) return false;
  const weights = await computeBanditWeights(db, { rolloutId: input.rolloutId, now });
  return db.$transaction(async (tx) => {
    await lockRollout(tx, input.rolloutId);
    if (input.fenced) await assertLeaseInTx(tx, epoch);
    const rollout = await tx.rollout.findUniqueOrThrow({ where: { id: input.rolloutId } });
    if (rollout.status !== "progressing") return false;
    const claimed = await tx.banditRound.createMany({ data: [key], skipDuplicates: true });
    if (claimed.count === 0) return false;
    const next = weights ?? (rollout.desiredWeights as Weights);
    const text = weights
      ? `${reason}: ${Object.entries(next)
          .map(([k, v]) => `${k} ${Number(v) / 100} %`)
          .join(", ")}`
      : `${reason}: not enough reward data, weights kept`;
    if (!weightsEqual(next, rollout.desiredWeights as Weights) || !weights) {
      await recordWeightChange(tx, {
        rolloutId: input.rolloutId,
        weights: next,
        stepIndex: r.stepIndex,
        reason: text,
        actor: input.ctx.actor.label,
        epoch,
      });
    }
    await writeAuditEvent(tx, input.ctx, {
      action: "rollout.reallocate",
      entityType: "rollout",
      entityId: input.rolloutId,
      after: { weights: next, round: r.round },
    });
    return true;
  });
}
