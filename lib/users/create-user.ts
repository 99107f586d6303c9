import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { ConflictError } from "../errors";
import { requirePermission, type ServiceContext } from "../permissions";
import type { CreateUserInput } from "./schemas";

export async function createUser({ ctx, input }: { ctx: ServiceContext; input: CreateUserInput }) {
  requirePermission(ctx, "users.manage");
  if (await db.user.findUnique({ where: { email: input.email } }))
    throw new ConflictError(`A user with email ${input.email} exists already.`);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
    });
    await recordAudit(tx, ctx, {
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: publicUser(user),
    });
    return publicUser(user);
  });
}

export function publicUser<T extends { passwordHash?: string | null }>(user: T): Omit<T, "passwordHash"> {
  const { passwordHash: _omit, ...rest } = user;
  return rest;
}
