// GET /api/v1/me – who the caller is (token or session), the person a token acts for, and what it may do
import { apiRoute } from "@/lib/api/route";
import { db } from "@/lib/db";
import { actingPersonId } from "@/lib/approvals/acting-person";
import { can, PERMISSIONS } from "@/lib/permissions";

export const GET = apiRoute(async ({ ctx }) => {
  const personId = ctx.actor.type === "system" ? null : await actingPersonId(db, ctx, "be looked up");
  const person = personId
    ? await db.user.findUnique({ where: { id: personId }, select: { id: true, name: true, email: true, role: true } })
    : null;
  return {
    actor: { type: ctx.actor.type, label: ctx.actor.label, role: ctx.actor.type === "system" ? null : ctx.actor.role },
    person,
    permissions: PERMISSIONS.filter((p) => can(ctx, p)),
  };
});
