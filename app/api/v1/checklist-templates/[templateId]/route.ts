// PUT /api/v1/checklist-templates/[templateId] – replace a template's name, default flag and items (admin); rollouts keep their copy
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { saveChecklistTemplateSchema } from "@/lib/checklists/schemas";
import { saveChecklistTemplate } from "@/lib/checklists/save-checklist-template";
import { idField } from "@/lib/validation";

export const PUT = apiRoute<{ templateId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, saveChecklistTemplateSchema, { templateId: idField.parse(params.templateId) });
  return { template: await saveChecklistTemplate({ ctx, input }) };
});
