// GET /api/v1/systems/[system]/slots – the system's slots (model server endpoints) and the version each runs
// POST /api/v1/systems/[system]/slots – register a slot { environment?, name, upstreamUrl, versionId? } (admin)
import { apiRoute, json } from "@/lib/api/route";
import { readInput } from "@/lib/api/read-json";
import { createSlotSchema } from "@/lib/slots/schemas";
import { createSlot } from "@/lib/slots/create-slot";
import { listSlots } from "@/lib/slots/queries";
import { slugField } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ system: string }>(async ({ ctx, params }) => ({
  slots: await listSlots(ctx, slugField.parse(params.system)),
}));

export const POST = apiRoute<{ system: string }>(async ({ request, ctx, params }) => {
  const input = await readInput(request, createSlotSchema, { system: slugField.parse(params.system) });
  return json({ slot: await createSlot({ ctx, input }) }, 201);
});
