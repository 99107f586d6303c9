import "server-only";
import { db } from "../db";
import type { Tx } from "../db/create-client";
import type { Prisma, Rollout } from "../generated/prisma/client";
import { NotFoundError } from "../errors";
import { requirePermission, type Permission, type ServiceContext } from "../permissions";
import { driveRollout, type DriveResult } from "../controller/drive-rollout";
import { lockRollout } from "./lock-rollout";
import { transitionRollout } from "./transition-rollout";
import { afterRolloutChange } from "./after-rollout-change";
import type { RolloutCommand } from "./state-machine";
import type { RolloutCommandInput } from "./schemas";

interface CommandOptions {
  permission: Permission;
  /** Checks and extra writes before the transition, under the rollout's lock. */
  before?: (tx: Tx, rollout: Rollout) => Promise<void>;
  data?: (rollout: Rollout) => Prisma.RolloutUpdateManyMutationInput;
  after?: (tx: Tx, rollout: Rollout) => Promise<void>;
  /** Extra fields for the transition's audit event (besides the caller's reason). */
  meta?: () => Record<string, unknown>;
  event?: string;
  /** Move the rollout forward right away (push routers) instead of waiting for the controller. */
  drive?: boolean;
}

/** The shared path of every rollout command: permission, lock, state machine with optimistic
 * revision, audit, record, notification, controller wake-up; then an immediate drive. */
export async function runRolloutCommand(
  ctx: ServiceContext,
  input: RolloutCommandInput,
  command: RolloutCommand,
  options: CommandOptions,
): Promise<{ rollout: Rollout; drive: DriveResult | null }> {
  requirePermission(ctx, options.permission);
  const rollout = await db.$transaction(async (tx) => {
    await lockRollout(tx, input.rolloutId);
    const current = await tx.rollout.findUnique({ where: { id: input.rolloutId } });
    if (!current) throw new NotFoundError("No such rollout.");
    await options.before?.(tx, current);
    const after = await transitionRollout(tx, ctx, {
      rollout: current,
      command,
      expectedRevision: input.expectedRevision,
      data: options.data?.(current),
      meta:
        input.reason || options.meta
          ? { ...(input.reason ? { reason: input.reason } : {}), ...options.meta?.() }
          : undefined,
    });
    await options.after?.(tx, after);
    const final = options.after ? await tx.rollout.findUniqueOrThrow({ where: { id: after.id } }) : after;
    await afterRolloutChange(tx, ctx, final, { event: options.event });
    return final;
  });
  const drive = options.drive ? await driveRollout(db, { rolloutId: rollout.id, ctx, maxRounds: 6 }) : null;
  return { rollout: drive ? await db.rollout.findUniqueOrThrow({ where: { id: rollout.id } }) : rollout, drive };
}
