import Link from "next/link";
import { notFound } from "next/navigation";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { getDeploymentRecordOrThrow } from "@/lib/records/queries";
import { toExportedRecord } from "@/lib/records/exported-record";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { RecordSheet } from "@/components/records/record-sheet";
import { ExportButtons } from "@/components/records/export-buttons";

export default async function RecordPage({ params }: { params: Promise<{ recordId: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "records.read")) return <Forbidden what="deployment records" />;
  const { recordId } = await params;
  const record = await getDeploymentRecordOrThrow(ctx, decodeURIComponent(recordId)).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const exported = toExportedRecord(record);
  return (
    <>
      <Link href="/records" className="text-sm text-slate-600 underline">
        ← All records
      </Link>
      <PageHeader
        title={`Deployment record ${record.number}`}
        description={
          record.frozenAt
            ? "Frozen: this record can no longer change."
            : "The rollout is still running: this record updates with every step."
        }
        actions={
          can(ctx, "records.export") ? (
            <ExportButtons filter={{ number: record.number }} label="Export this record" />
          ) : undefined
        }
      />
      <RecordSheet record={exported} />
    </>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ recordId: string }> }) {
  return { title: `Record ${decodeURIComponent((await params).recordId)}` };
}
