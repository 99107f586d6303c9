import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listNotificationEndpoints, listRecentDeliveries } from "@/lib/notifications/manage-endpoints";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { NewEndpointForm } from "@/components/notifications/new-endpoint-form";
import { EndpointActions } from "@/components/notifications/endpoint-actions";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "notifications.manage")) return <Forbidden what="notification settings" />;
  const [endpoints, deliveries] = await Promise.all([listNotificationEndpoints(ctx), listRecentDeliveries(ctx)]);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Webhook endpoints (Slack-compatible) for approvals, rollbacks, incidents and finished rollouts. Deliveries are signed, retried with backoff, and never hold up a rollout or a rollback."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">
              Add one to tell a channel when a plan awaits approval, a rollback happens or an incident opens.
            </EmptyState>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th>Events</Th>
                  <Th>State</Th>
                  <Th />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <Td>
                      <p className="font-medium text-slate-900">{e.name}</p>
                      <p className="max-w-xs truncate font-mono text-xs text-slate-500" title={e.url}>
                        {e.url}
                      </p>
                    </Td>
                    <Td className="text-xs">{e.events.join(", ")}</Td>
                    <Td>
                      {e.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>}{" "}
                      {e.signed && <Badge tone="violet">signed</Badge>}
                    </Td>
                    <Td>
                      <EndpointActions endpointId={e.id} name={e.name} enabled={e.enabled} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <Card title="Recent deliveries">
            {deliveries.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing sent yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {deliveries.map((d) => (
                  <li key={d.id} className="flex flex-wrap items-center gap-2 py-1.5">
                    <Badge tone={d.status === "delivered" ? "green" : d.status === "failed" ? "red" : "amber"}>
                      {d.status}
                    </Badge>
                    <code className="text-xs">{d.event}</code>
                    <span className="text-slate-600">→ {d.endpoint.name}</span>
                    <span className="text-xs text-slate-500">
                      {formatDateTime(d.createdAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                      {d.status === "pending" && d.attempts > 0 && ` · next ${formatDateTime(d.nextAttemptAt)}`}
                      {d.lastError && ` · ${d.lastError}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <NewEndpointForm />
      </div>
    </>
  );
}
