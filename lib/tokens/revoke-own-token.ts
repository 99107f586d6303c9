import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { BadRequestError } from "../errors";
import type { ServiceContext } from "../permissions";

/** `switchyard logout`: the token making the call revokes itself. Any token may; nothing else is touched. */
export async function revokeOwnToken({ ctx }: { ctx: ServiceContext }) {
  if (ctx.actor.type !== "token") throw new BadRequestError("Call this with the API token you want to revoke.");
  const tokenId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findUniqueOrThrow({ where: { id: tokenId }, omit: { tokenHash: true } });
    const after = await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: before.revokedAt ?? new Date() },
      omit: { tokenHash: true },
    });
    await recordAudit(tx, ctx, {
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: tokenId,
      before,
      after,
      meta: { via: "logout" },
    });
    return after;
  });
}
