import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { generateApiToken } from "../auth/api-token";
import { ForbiddenError } from "../errors";
import { requirePermission, ROLE_LABELS, type ServiceContext } from "../permissions";
import type { CreateApiTokenInput } from "./schemas";

/** Creates a pipeline token acting with its creator's role (narrowed by its scopes). The secret
 * is returned once and only its hash is stored. */
export async function createApiToken({ ctx, input }: { ctx: ServiceContext; input: CreateApiTokenInput }) {
  requirePermission(ctx, "tokens.manage");
  if (ctx.actor.type !== "user") throw new ForbiddenError("Tokens are created by people, not by other tokens.");
  // A token never carries more than its creator may do: it acts with the creator's own role.
  const role = input.role ?? ctx.actor.role;
  if (role !== ctx.actor.role)
    throw new ForbiddenError(
      `A token acts with its creator's role (yours: ${ROLE_LABELS[ctx.actor.role]}), so you can't create one for ${ROLE_LABELS[role]}. Someone with that role creates it, for example with \`switchyard login\`.`,
    );
  const { token, prefix, hash } = generateApiToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const createdById = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix,
        tokenHash: hash,
        role,
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
