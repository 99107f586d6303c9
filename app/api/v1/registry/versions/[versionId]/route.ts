// GET /api/v1/registry/versions/[versionId] – one registered version with its provenance
import { apiRoute } from "@/lib/api/route";
import { idField } from "@/lib/validation";
import { getModelVersionOrThrow } from "@/lib/registry/queries";

export const GET = apiRoute<{ versionId: string }>(async ({ ctx, params }) => {
  const id = idField.parse(params.versionId);
  const v = await getModelVersionOrThrow(ctx, id);
  return {
    version: {
      id: v.id,
      system: v.model.system.slug,
      model: v.model.name,
      version: v.version,
      artifactUri: v.artifactUri,
      digest: v.digest,
      pipelineRunId: v.pipelineRunId,
      pipelineRunUrl: v.pipelineRunUrl,
      sourceCommit: v.sourceCommit,
      offlineMetrics: v.offlineMetrics,
      status: v.status,
      createdAt: v.createdAt,
    },
  };
});
