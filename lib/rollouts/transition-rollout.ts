// The one way a rollout's status changes: the pure state machine decides, an optimistic
// revision check makes concurrent commands safe (one wins, the other gets a conflict), the audit
// event is written in the same transaction, and the controller is woken up.
import type { Tx } from "../db/create-client";
import type { Prisma, Rollout } from "../generated/prisma/client";
import { ConflictError, PreconditionFailedError } from "../errors";
import type { ServiceContext } from "../permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { IllegalTransitionError, isTerminal, transition, type RolloutCommand } from "./state-machine";

export const ROLLOUT_CHANNEL = "switchyard_rollouts";

export async function transitionRollout(
  tx: Tx,
  ctx: ServiceContext,
  input: {
    rollout: Rollout;
    command: RolloutCommand;
    expectedRevision?: number;
    data?: Prisma.RolloutUpdateManyMutationInput;
    meta?: Record<string, unknown>;
  },
): Promise<Rollout> {
  const { rollout, command } = input;
  if (input.expectedRevision !== undefined && input.expectedRevision !== rollout.revision) {
    throw new ConflictError(
      `Someone else changed “${rollout.name}” a moment ago (it is now ${rollout.status.replace(/_/g, " ")}). Reload to see the latest before you ${command}.`,
    );
  }
  let next;
  try {
    next = transition(rollout.status, command);
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new PreconditionFailedError(error.message);
    throw error;
  }
  const updated = await tx.rollout.updateMany({
    where: { id: rollout.id, revision: rollout.revision, status: rollout.status },
    data: { ...input.data, status: next, revision: { increment: 1 } },
  });
  if (updated.count === 0) {
    const now = await tx.rollout.findUnique({ where: { id: rollout.id }, select: { status: true } });
    throw new ConflictError(
      `Someone else changed “${rollout.name}” at the same moment (it is now ${now?.status.replace(/_/g, " ") ?? "gone"}). Nothing was applied twice; reload to see the latest.`,
    );
  }
  // An ended rollout runs no more steps: what it never reached is closed as skipped.
  if (isTerminal(next))
    await tx.planStep.updateMany({
      where: { rolloutId: rollout.id, status: { in: ["pending", "running"] } },
      data: { status: "skipped", completedAt: new Date() },
    });
  const after = await tx.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
  await writeAuditEvent(tx, ctx, {
    action: `rollout.${command}`,
    entityType: "rollout",
    entityId: rollout.id,
    before: { status: rollout.status, revision: rollout.revision },
    after: { status: after.status, revision: after.revision, statusReason: after.statusReason },
    meta: input.meta,
  });
  await wakeController(tx, rollout.id);
  return after;
}

/** NOTIFY is delivered at commit, so the controller sees the committed state. */
export async function wakeController(tx: Tx, rolloutId: string) {
  await tx.$executeRaw`SELECT pg_notify(${ROLLOUT_CHANNEL}, ${rolloutId})`;
}
