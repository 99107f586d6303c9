import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError, PreconditionFailedError } from "../errors";
import { actorId, requirePermission, type ServiceContext } from "../permissions";
import type { UpdateUserInput } from "./schemas";
import { publicUser } from "./create-user";
import { endSessionsOf } from "../auth/sessions";
import { throttleKey } from "../auth/throttle";

/** Changes a user's role, disables them, or lifts their sign-in lock (`unlock`). An admin can't demote or disable themselves,
 * so there is always someone left who can manage users. */
export async function updateUser({ ctx, input }: { ctx: ServiceContext; input: UpdateUserInput }) {
  requirePermission(ctx, "users.manage");
  const before = await db.user.findUnique({ where: { id: input.userId } });
  if (!before) throw new NotFoundError("No such user.");
  if (before.id === actorId(ctx) && ((input.role && input.role !== "admin") || input.disabled)) {
    throw new PreconditionFailedError("You can't remove your own admin role or disable yourself.");
  }
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: before.id },
      data: { role: input.role, disabled: input.disabled },
    });
    // A changed role or a disabled account ends the person's sessions at once: they sign in again
    // (or can't) and see what their new role allows.
    const because =
      after.disabled && !before.disabled ? "account disabled" : after.role !== before.role ? "role changed" : null;
    if (because) await endSessionsOf(tx, after.id, because);
    if (input.unlock) {
      const { count } = await tx.signInThrottle.deleteMany({ where: { key: throttleKey("account", after.email) } });
      await recordAudit(tx, ctx, {
        action: "user.unlock",
        entityType: "user",
        entityId: after.id,
        meta: { wasLocked: count > 0 },
      });
    }
    await recordAudit(tx, ctx, {
      action: "user.update",
      entityType: "user",
      entityId: after.id,
      before: publicUser(before),
      after: publicUser(after),
    });
    return publicUser(after);
  });
}
