import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto/secret-box";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { toPublicRouter } from "./queries";
import { assertRouterRegistration, routerKindFromType } from "./registry";
import type { UpdateRouterInput } from "./schemas";
import { jsonColumn } from "../db/json-column";

/** Changes a router's name, endpoint, settings or secret. An empty secret keeps the stored one
 * (the form never has it to send back); clearSecret removes it. Kind and system are fixed. */
export async function updateRouter({ ctx, input }: { ctx: ServiceContext; input: UpdateRouterInput }) {
  requirePermission(ctx, "routers.write");
  const before = await db.router.findUnique({ where: { id: input.routerId } });
  if (!before) throw new NotFoundError("No such router.");
  const newSecret = input.secret?.trim() ? input.secret.trim() : null;
  const keepsSecret = before.secretEncrypted !== null && !input.clearSecret;
  const endpoint = input.endpoint ?? before.endpoint;
  const settings = input.settings ?? (before.settings as Record<string, unknown>);
  assertRouterRegistration({
    kind: routerKindFromType(before.type),
    endpoint,
    settings,
    hasSecret: newSecret !== null || keepsSecret,
  });
  const secretEncrypted = newSecret !== null ? encryptSecret(newSecret) : keepsSecret ? before.secretEncrypted : null;
  return db.$transaction(async (tx) => {
    const name = input.name ?? before.name;
    if (
      name !== before.name &&
      (await tx.router.findUnique({
        where: { systemId_name: { systemId: before.systemId, name } },
        select: { id: true },
      }))
    ) {
      throw new ConflictError(`This system already has a router named "${name}".`);
    }
    const row = await tx.router.update({
      where: { id: before.id },
      data: { name, endpoint, settings: jsonColumn(settings), secretEncrypted },
    });
    const after = toPublicRouter(row);
    const secret =
      newSecret !== null
        ? "replaced"
        : secretEncrypted === null && before.secretEncrypted !== null
          ? "cleared"
          : "unchanged";
    await recordAudit(tx, ctx, {
      action: "router.update",
      entityType: "router",
      entityId: row.id,
      before: toPublicRouter(before),
      after,
      meta: { secret },
    });
    return after;
  });
}
