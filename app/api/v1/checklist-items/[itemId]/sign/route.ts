// POST /api/v1/checklist-items/[itemId]/sign – sign one manual checklist item { note?, evidenceUrl? } (one of them required)
import { apiRoute, json } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { signChecklistItemSchema } from "@/lib/checklists/schemas";
import { signChecklistItem } from "@/lib/checklists/sign-checklist-item";
import { idField } from "@/lib/validation";

export const POST = apiRoute<{ itemId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, signChecklistItemSchema, { itemId: idField.parse(params.itemId) });
  const { item, ready } = await signChecklistItem({ ctx, input });
  return json({ item, ready }, 201);
});
