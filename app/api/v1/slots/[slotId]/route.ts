// PATCH /api/v1/slots/[slotId] – record what a slot runs now { upstreamUrl?, versionId? } (admin)
import { apiRoute } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { updateSlotSchema } from "@/lib/slots/schemas";
import { updateSlot } from "@/lib/slots/update-slot";
import { idField } from "@/lib/validation";

export const PATCH = apiRoute<{ slotId: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, updateSlotSchema, { slotId: idField.parse(params.slotId) });
  return { slot: await updateSlot({ ctx, input }) };
});
