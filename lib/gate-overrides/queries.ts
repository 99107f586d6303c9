import "server-only";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { actorId, can, requirePermission, type ServiceContext } from "../permissions";
import { canTransition } from "../rollouts/state-machine";
import { KEEP_WAITING_MINUTES } from "./schemas";

const PERSON = { select: { id: true, name: true } } as const;

/** Requests to accept a step of a rollout, newest first (REST, the page and the record). */
export async function listGateOverrides(ctx: ServiceContext, rolloutId: string) {
  requirePermission(ctx, "rollouts.read");
  if (!(await db.rollout.findUnique({ where: { id: rolloutId }, select: { id: true } })))
    throw new NotFoundError("No such rollout.");
  return db.gateOverride.findMany({
    where: { rolloutId },
    orderBy: { createdAt: "desc" },
    include: { requestedBy: PERSON, confirmedBy: PERSON },
  });
}

/** What the "decide" panel of a stopped step offers this person, and the request waiting for a second one. */
export async function getStepDecision(ctx: ServiceContext, rolloutId: string) {
  const overrides = await listGateOverrides(ctx, rolloutId);
  const rollout = await db.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    select: {
      id: true,
      name: true,
      status: true,
      revision: true,
      currentStepIndex: true,
      stepStartedAt: true,
      statusReason: true,
    },
  });
  const step = await db.planStep.findUnique({
    where: { rolloutId_index: { rolloutId, index: rollout.currentStepIndex } },
    select: { kind: true, waitUntil: true },
  });
  const pending = overrides.find((o) => o.status === "pending" && o.stepIndex === rollout.currentStepIndex) ?? null;
  const me = actorId(ctx);
  const analysis = step?.kind === "analysis" && !!rollout.stepStartedAt;
  return {
    rollout,
    analysis,
    pending,
    accepted: overrides.filter((o) => o.status === "confirmed"),
    me,
    keepWaitingMinutes: KEEP_WAITING_MINUTES,
    can: {
      resume: can(ctx, "rollouts.control") && canTransition(rollout.status, "resume"),
      keepWaiting: analysis && can(ctx, "rollouts.control") && canTransition(rollout.status, "keep_waiting"),
      accept: analysis && !pending && can(ctx, "overrides.request") && canTransition(rollout.status, "accept"),
      confirm: !!pending && can(ctx, "overrides.confirm") && pending.requestedById !== me,
      cancel: !!pending && (can(ctx, "overrides.request") || can(ctx, "overrides.confirm")),
    },
  };
}

export type StepDecision = Awaited<ReturnType<typeof getStepDecision>>;
