import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listDeploymentRecords, listRecordSystems } from "@/lib/records/queries";
import { recordFilterSchema, searchParamsToObject, type RecordFilter } from "@/lib/records/schemas";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { FormAlert } from "@/components/ui/form";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { RecordFilters } from "@/components/records/record-filters";
import { ExportButtons } from "@/components/records/export-buttons";
import { OutcomeBadge } from "@/components/records/outcome-badge";

export const metadata = { title: "Deployment records" };

export default async function RecordsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await pageContext();
  if (!can(ctx, "records.read")) return <Forbidden what="deployment records" />;
  const parsed = recordFilterSchema.safeParse(searchParamsToObject(await searchParams));
  const filter: RecordFilter = parsed.success ? parsed.data : {};
  const [records, systems] = await Promise.all([listDeploymentRecords(ctx, filter), listRecordSystems(ctx)]);
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader
        title="Deployment records"
        description="One record per rollout: versions, strategy, stages, timeline, metrics per stage, issues and rollbacks. Frozen when the rollout ends, with a digest tied to the audit chain."
        actions={can(ctx, "records.export") ? <ExportButtons filter={filter} /> : undefined}
      />
      {!parsed.success && (
        <FormAlert
          message={`Filter ignored: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`}
        />
      )}
      <RecordFilters filter={filter} systems={systems} />
      {records.length === 0 ? (
        <EmptyState title={filtered ? "No records match these filters" : "No deployment records yet"}>
          {filtered
            ? "Clear a filter to see more."
            : "A record is written as soon as a rollout starts, and frozen when it completes, aborts or rolls back."}
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Record</Th>
              <Th>System</Th>
              <Th>Versions</Th>
              <Th>Strategy</Th>
              <Th>Started</Th>
              <Th>Outcome</Th>
              <Th>Frozen</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {records.map((r) => (
              <tr key={r.id}>
                <Td className="font-mono text-xs">
                  <Link href={`/records/${r.number}`} className="font-medium text-brand-700 hover:underline">
                    {r.number}
                  </Link>
                </Td>
                <Td>{r.system.name}</Td>
                <Td className="text-xs">
                  {r.fromVersion} → {r.toVersion}
                </Td>
                <Td>{r.strategy.replace(/_/g, " ")}</Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(r.startedAt)}</Td>
                <Td>
                  <OutcomeBadge outcome={r.outcome} />{" "}
                  {r.rollbackUsed && r.outcome !== "rolled_back" && <Badge tone="red">rollback used</Badge>}
                </Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(r.frozenAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
