// The JSON shape of a registered version in the API (pure).

export interface VersionRow {
  id: string;
  version: string;
  artifactUri: string;
  digest: string;
  pipelineRunId: string;
  pipelineRunUrl: string | null;
  sourceCommit: string | null;
  offlineMetrics: unknown;
  status: string;
  createdAt: Date;
  registeredBy: string | null;
  model: { name: string; system: { slug: string } };
}

export function presentVersion(v: VersionRow) {
  return {
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
    registeredBy: v.registeredBy,
    createdAt: v.createdAt,
  };
}
