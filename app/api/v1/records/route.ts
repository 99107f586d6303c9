// GET /api/v1/records – deployment records (?system=&from=YYYY-MM-DD&to=&strategy=&outcome=), newest first
import { apiRoute } from "@/lib/api/route";
import { listDeploymentRecords } from "@/lib/records/queries";
import { recordFilterSchema, searchParamsToObject } from "@/lib/records/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ request, ctx }) => {
  const filter = recordFilterSchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const records = await listDeploymentRecords(ctx, filter);
  return {
    records: records.map((r) => ({
      id: r.id,
      number: r.number,
      system: r.system,
      rollout: r.rollout?.name ?? null,
      rolloutId: r.rolloutId,
      fromVersion: r.fromVersion,
      toVersion: r.toVersion,
      strategy: r.strategy,
      startedAt: r.startedAt,
      frozenAt: r.frozenAt,
      outcome: r.outcome,
      rollbackUsed: r.rollbackUsed,
      digest: r.digest,
      auditHash: r.auditHash,
    })),
  };
});
