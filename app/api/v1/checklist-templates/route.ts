// GET /api/v1/checklist-templates – templates with their items and the systems using each (admin)
// POST /api/v1/checklist-templates – create a template { name, isDefault?, items[] } (admin)
import { apiRoute, json } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { listChecklistTemplates } from "@/lib/checklists/queries";
import { saveChecklistTemplateBodySchema } from "@/lib/checklists/schemas";
import { saveChecklistTemplate } from "@/lib/checklists/save-checklist-template";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ ctx }) => {
  const { templates } = await listChecklistTemplates(ctx);
  return { templates };
});

export const POST = apiRoute(async ({ request, ctx }) => {
  const input = await readInput(request, saveChecklistTemplateBodySchema);
  return json({ template: await saveChecklistTemplate({ ctx, input }) }, 201);
});
