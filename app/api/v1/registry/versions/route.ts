// GET /api/v1/registry/versions – list registered versions (?system=&model=)
// POST /api/v1/registry/versions – register a version built by a pipeline (provenance required)
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/read-json";
import { listVersionsSchema, registerVersionSchema } from "@/lib/registry/schemas";
import { listModelVersions } from "@/lib/registry/queries";
import { registerModelVersion } from "@/lib/registry/register-model-version";
import { presentVersion } from "@/lib/registry/present-version";

export const GET = apiRoute(async ({ request, ctx }) => {
  const query = listVersionsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const versions = await listModelVersions(ctx, query);
  return { versions: versions.map(presentVersion) };
});

export const POST = apiRoute(async ({ request, ctx }) => {
  const input = await readJson(request, registerVersionSchema);
  const version = await registerModelVersion({ ctx, input });
  return json({ version: presentVersion({ ...version, model: { ...version.model, system: version.system } }) }, 201);
});
