// POST /api/v1/rollouts/[rolloutId]/checklist/checks – run the system-verified checklist items again (offline metrics, routers, health, rollback plan)
import { apiRoute } from "@/lib/api/route";
import { runChecklistChecksSchema } from "@/lib/checklists/schemas";
import { runChecklistChecks } from "@/lib/checklists/run-checklist-checks";

export const POST = apiRoute<{ rolloutId: string }>(async ({ ctx, params }) => ({
  outcomes: await runChecklistChecks({ ctx, input: runChecklistChecksSchema.parse({ rolloutId: params.rolloutId }) }),
}));
