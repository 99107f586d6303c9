import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listRouters } from "@/lib/routers/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { relativeTime } from "@/components/ui/format";

export const metadata = { title: "Routers" };

export default async function RoutersPage() {
  const ctx = await pageContext();
  if (!can(ctx, "routers.read")) return <Forbidden what="routers" />;
  const routers = await listRouters(ctx);
  return (
    <>
      <PageHeader title="Routers" description="The data planes in front of each system's model servers. Switchyard pushes versioned configs and trusts only what it reads back." />
      {routers.length === 0 ? (
        <EmptyState title="No routers registered">An admin registers the built-in router, HAProxy, NGINX, a Kubernetes mesh or a webhook for each system.</EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Router</Th>
              <Th>System</Th>
              <Th>Type</Th>
              <Th>Health</Th>
              <Th>Config version (desired / applied)</Th>
              <Th>Last propagated</Th>
              <Th>Last error</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {routers.map((r) => (
              <tr key={r.id} data-testid={`router-row-${r.name}`}>
                <Td>
                  <div className="font-medium text-slate-900">{r.name}</div>
                  <div className="font-mono text-xs text-slate-500">{r.endpoint}</div>
                </Td>
                <Td>{r.system.name}</Td>
                <Td>
                  <Badge>{r.type.replace(/_/g, " ")}</Badge>
                </Td>
                <Td>
                  <Badge tone={r.health === "healthy" ? "green" : r.health === "down" ? "red" : r.health === "degraded" ? "amber" : "neutral"}>{r.health}</Badge>
                </Td>
                <Td className="font-mono text-xs">
                  {r.desiredVersion} / {r.appliedVersion} {r.desiredVersion === r.appliedVersion ? <Badge tone="green">in sync</Badge> : <Badge tone="amber">not in sync</Badge>}
                </Td>
                <Td className="text-xs">{relativeTime(r.lastAppliedAt)}</Td>
                <Td className="max-w-xs text-xs text-red-700">{r.lastError ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
