import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { generateApiToken } from "../auth/api-token";
import { requirePermission, type ServiceContext } from "../permissions";
import type { CreateApiTokenInput } from "./schemas";

/** Creates a pipeline token. The secret is returned once and only its hash is stored. */
export async function createApiToken({ ctx, input }: { ctx: ServiceContext; input: CreateApiTokenInput }) {
  requirePermission(ctx, "tokens.manage");
  if (ctx.actor.type !== "user") throw new Error("tokens are created by people");
  const { token, prefix, hash } = generateApiToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const createdById = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix,
        tokenHash: hash,
        role: input.role,
        scopes: input.scopes,
        expiresAt,
        createdById,
      },
      omit: { tokenHash: true },
    });
    await recordAudit(tx, ctx, { action: "api_token.create", entityType: "api_token", entityId: row.id, after: row });
    return { ...row, token };
  });
}
