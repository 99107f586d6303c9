// GET /api/v1/me – who the caller is (token or session) and what it may do
import { apiRoute } from "@/lib/api/route";
import { can, PERMISSIONS } from "@/lib/permissions";

export const GET = apiRoute(async ({ ctx }) => ({
  actor: { type: ctx.actor.type, label: ctx.actor.label, role: ctx.actor.type === "system" ? null : ctx.actor.role },
  permissions: PERMISSIONS.filter((p) => can(ctx, p)),
}));
