// PUT /api/v1/systems/[system]/checklist-template – which template the system's new rollouts copy { templateId } (admin)
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { assignChecklistTemplateSchema } from "@/lib/checklists/schemas";
import { assignChecklistTemplate } from "@/lib/checklists/assign-checklist-template";
import { getSystemOrThrow } from "@/lib/registry/queries";
import { slugField } from "@/lib/validation";

export const PUT = apiRoute<{ system: string }>(async ({ request, ctx, params }) => {
  const system = await getSystemOrThrow(ctx, slugField.parse(params.system));
  const input = await readInput(request, assignChecklistTemplateSchema, { systemId: system.id });
  return { system: await assignChecklistTemplate({ ctx, input }) };
});
