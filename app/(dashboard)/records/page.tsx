import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listDeploymentRecords } from "@/lib/records/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";

export const metadata = { title: "Deployment records" };

export default async function RecordsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "records.read")) return <Forbidden what="deployment records" />;
  const records = await listDeploymentRecords(ctx);
  return (
    <>
      <PageHeader title="Deployment records" description="One record per rollout: versions, strategy, stages, timeline, metrics per stage, issues and rollbacks. Frozen when the rollout ends." />
      {records.length === 0 ? (
        <EmptyState title="No deployment records yet">A record is written as soon as a rollout starts, and frozen when it completes, aborts or rolls back.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Record</Th>
              <Th>System</Th>
              <Th>Versions</Th>
              <Th>Strategy</Th>
              <Th>Outcome</Th>
              <Th>Frozen</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {records.map((r) => (
              <tr key={r.id}>
                <Td className="font-mono text-xs">{r.number}</Td>
                <Td>{r.system.name}</Td>
                <Td className="text-xs">
                  {r.fromVersion} → {r.toVersion}
                </Td>
                <Td>{r.strategy.replace(/_/g, " ")}</Td>
                <Td>{r.rollbackUsed ? <Badge tone="red">rolled back</Badge> : <Badge>{r.outcome ?? "in progress"}</Badge>}</Td>
                <Td className="text-xs">{formatDateTime(r.frozenAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
