import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto/secret-box";
import { ConflictError, NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import { toPublicRouter } from "./queries";
import { assertRouterRegistration } from "./registry";
import type { CreateRouterInput } from "./schemas";
import { jsonColumn } from "../db/json-column";

/** Registers a router in front of a system. The secret is stored encrypted and never returned;
 * the endpoint and settings must suit the kind (checked with the adapter's own parser). */
export async function createRouter({ ctx, input }: { ctx: ServiceContext; input: CreateRouterInput }) {
  requirePermission(ctx, "routers.write");
  const secret = input.secret?.trim() ? input.secret.trim() : null;
  assertRouterRegistration({
    kind: input.type,
    endpoint: input.endpoint,
    settings: input.settings,
    hasSecret: secret !== null,
  });
  const system = await db.system.findUnique({ where: { slug: input.system }, select: { id: true } });
  if (!system) throw new NotFoundError(`No system "${input.system}".`);
  return db.$transaction(async (tx) => {
    if (
      await tx.router.findUnique({
        where: { systemId_name: { systemId: system.id, name: input.name } },
        select: { id: true },
      })
    ) {
      throw new ConflictError(`This system already has a router named "${input.name}".`);
    }
    const row = await tx.router.create({
      data: {
        systemId: system.id,
        name: input.name,
        type: input.type,
        endpoint: input.endpoint,
        settings: jsonColumn(input.settings),
        secretEncrypted: secret === null ? null : encryptSecret(secret),
      },
    });
    const after = toPublicRouter(row);
    await recordAudit(tx, ctx, {
      action: "router.create",
      entityType: "router",
      entityId: row.id,
      after,
      meta: { secretSet: after.secretSet },
    });
    return after;
  });
}
