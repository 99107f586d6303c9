import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { NotFoundError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import type { RevokeApiTokenInput } from "./schemas";

export async function revokeApiToken({ ctx, input }: { ctx: ServiceContext; input: RevokeApiTokenInput }) {
  requirePermission(ctx, "tokens.manage");
  const before = await db.apiToken.findUnique({ where: { id: input.tokenId }, omit: { tokenHash: true } });
  if (!before) throw new NotFoundError("No such token.");
  if (before.revokedAt) return before;
  return db.$transaction(async (tx) => {
    const after = await tx.apiToken.update({
      where: { id: before.id },
      data: { revokedAt: new Date() },
      omit: { tokenHash: true },
    });
    await recordAudit(tx, ctx, {
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}
