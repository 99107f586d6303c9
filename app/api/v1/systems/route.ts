// GET /api/v1/systems – systems with what they serve
// POST /api/v1/systems – register a system (admin)
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { createSystemSchema } from "@/lib/registry/schemas";
import { listSystems } from "@/lib/registry/queries";
import { createSystem } from "@/lib/systems/create-system";

export const GET = apiRoute(async ({ ctx }) => {
  const systems = await listSystems(ctx);
  return {
    systems: systems.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: s.name,
      description: s.description,
      requiredApprovals: s.requiredApprovals,
      mirrorSafeRoutes: s.mirrorSafeRoutes,
      serving: s.championVersion
        ? { id: s.championVersion.id, model: s.championVersion.model.name, version: s.championVersion.version }
        : null,
    })),
  };
});

export const POST = apiRoute(async ({ request, ctx }) => {
  const input = await readJson(request, createSystemSchema);
  const system = await createSystem({ ctx, input });
  return json({ system }, 201);
});
