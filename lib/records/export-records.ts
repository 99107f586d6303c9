import "server-only";
import { db } from "../db";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ServiceContext } from "../permissions";
import { renderRecordsExport, type RenderedExport } from "./render-export";
import type { ExportRecordsInput } from "./schemas";

/**
 * Exports deployment records (records.export: admin, auditor). The export is itself audited:
 * a `deployment_record.export` event carries the body's digest and the audit head the export
 * names, so a file handed to a regulator can be matched to the chain later.
 */
export async function exportDeploymentRecords({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ExportRecordsInput;
}): Promise<RenderedExport> {
  requirePermission(ctx, "records.export");
  const rendered = await renderRecordsExport(db, input);
  await db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: "deployment_record.export",
      entityType: "deployment_record",
      entityId: null,
      after: {
        format: input.format,
        count: rendered.count,
        digest: rendered.digest,
        auditHead: rendered.auditHead,
        exportedAt: rendered.exportedAt,
      },
      meta: { filter: { ...input, format: undefined } },
    }),
  );
  return rendered;
}
