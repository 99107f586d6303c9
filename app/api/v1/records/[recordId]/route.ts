// GET /api/v1/records/[recordId] – one deployment record (by id or number DR-2026-0001) in seed 001's format
import { apiRoute } from "@/lib/api/route";
import { getDeploymentRecordOrThrow } from "@/lib/records/queries";
import { toExportedRecord } from "@/lib/records/exported-record";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ recordId: string }>(async ({ ctx, params }) => ({
  record: toExportedRecord(await getDeploymentRecordOrThrow(ctx, params.recordId)),
}));
