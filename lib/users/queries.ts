import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

export async function listUsers(ctx: ServiceContext) {
  requirePermission(ctx, "users.manage");
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      lastLoginAt: true,
      createdAt: true,
      oidcSubject: true,
    },
  });
}

export async function listApiTokens(ctx: ServiceContext) {
  requirePermission(ctx, "tokens.manage");
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { name: true } } },
    omit: { tokenHash: true },
  });
}
