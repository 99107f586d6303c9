import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { generateApiToken } from "../auth/api-token";
import { verifyCredentials } from "../auth/verify-credentials";
import { UnauthorizedError } from "../errors";
import type { Role, ServiceContext } from "../permissions";
import type { IssuePersonalTokenInput } from "./schemas";

/**
 * `switchyard login`: a person proves who they are with their password and gets a token that
 * acts as them: their own role, every scope it allows, created by them (so approvals, signatures
 * and rollback confirmations name them), and expiring (30 days unless asked for fewer or more,
 * at most 90). The secret is returned once; only its hash is stored.
 */
export async function issuePersonalToken({
  input,
  requestId,
  address,
}: {
  input: IssuePersonalTokenInput;
  requestId: string;
  /** The client's address, for sign-in throttling. */
  address: string | null;
}) {
  const user = await verifyCredentials({ email: input.email, password: input.password }, { address });
  if (!user) throw new UnauthorizedError("Wrong email or password, or the account is disabled.");
  const ctx: ServiceContext = {
    actor: { type: "user", id: user.id, role: user.role as Role, label: `${user.name} <${user.email}>` },
    requestId,
  };
  const { token, prefix, hash } = generateApiToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix,
        tokenHash: hash,
        role: user.role,
        scopes: ["*"],
        expiresAt,
        createdById: user.id,
      },
      omit: { tokenHash: true },
    });
    await recordAudit(tx, ctx, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: row.id,
      after: row,
      meta: { via: "login" },
    });
    return { ...row, token, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
  });
}
