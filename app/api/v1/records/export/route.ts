// GET /api/v1/records/export?format=json|ndjson|csv|pdf&system=&from=&to=&strategy=&outcome= – records export
// (admin, auditor). Headers: x-switchyard-export-digest = sha256 of the body, x-switchyard-audit-head =
// audit chain head at export time. The body is assembled before the headers go out (so the digest is
// exact), then streamed.
import { apiRoute } from "@/lib/api/route";
import { exportDeploymentRecords } from "@/lib/records/export-records";
import { exportRecordsSchema, searchParamsToObject } from "@/lib/records/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ request, ctx }) => {
  const input = exportRecordsSchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const out = await exportDeploymentRecords({ ctx, input });
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < out.chunks.length) controller.enqueue(new Uint8Array(out.chunks[i++]!));
      else controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": out.contentType,
      "content-disposition": `attachment; filename="${out.filename}"`,
      "cache-control": "no-store",
      "x-switchyard-export-digest": out.digest,
      "x-switchyard-audit-head": out.auditHead,
      "x-switchyard-record-count": String(out.count),
    },
  });
});
