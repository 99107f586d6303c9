import "server-only";
import { db } from "../db";
import { requirePermission, type ServiceContext } from "../permissions";

/** Routers with their sync state; secrets never leave the server. */
export async function listRouters(ctx: ServiceContext) {
  requirePermission(ctx, "routers.read");
  return db.router.findMany({
    orderBy: [{ system: { name: "asc" } }, { name: "asc" }],
    omit: { secretEncrypted: true },
    include: { system: { select: { slug: true, name: true } } },
  });
}
