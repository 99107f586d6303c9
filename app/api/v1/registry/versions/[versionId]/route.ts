// GET /api/v1/registry/versions/[versionId] – one registered version with its provenance
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { getModelVersionOrThrow } from "@/lib/registry/queries";
import { presentVersion } from "@/lib/registry/present-version";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => ({
  version: presentVersion(await getModelVersionOrThrow(ctx, idField.parse(params.versionId))),
}));
