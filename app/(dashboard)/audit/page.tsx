import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listAuditEvents } from "@/lib/audit/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Table, Td, Th } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  const ctx = await pageContext();
  if (!can(ctx, "audit.read")) return <Forbidden what="the audit trail" />;
  const events = await listAuditEvents(ctx, { take: 200 });
  return (
    <>
      <PageHeader title="Audit trail" description="Every change by a person, a pipeline token or the controller, append-only and hash-chained. The database refuses edits and deletes." />
      {events.length === 0 ? (
        <EmptyState title="No events yet">Events appear here as soon as anyone changes anything.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>#</Th>
              <Th>When</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Entity</Th>
              <Th>Hash</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id.toString()}>
                <Td className="font-mono text-xs">{e.id.toString()}</Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(e.at)}</Td>
                <Td className="text-xs">
                  <Badge tone={e.actorType === "system" ? "violet" : e.actorType === "token" ? "amber" : "neutral"}>{e.actorType}</Badge> {e.actorLabel}
                </Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td className="text-xs">
                  {e.entityType} <span className="font-mono text-slate-500">{e.entityId?.slice(0, 10)}</span>
                </Td>
                <Td className="font-mono text-xs text-slate-500" title={e.hash}>
                  {e.hash.slice(0, 10)}…
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
