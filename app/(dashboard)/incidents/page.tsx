import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listIncidents, listIncidentSystems } from "@/lib/incidents/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";
import { IncidentUpdateForm } from "@/components/incidents/incident-update-form";
import { OpenIncidentForm } from "@/components/incidents/open-incident-form";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "incidents.write")) return <Forbidden what="incident management" />;
  const [incidents, systems] = await Promise.all([listIncidents(ctx), listIncidentSystems(ctx)]);
  return (
    <>
      <PageHeader
        title="Incidents"
        description="What stakeholders read on the public status page. Every update is posted there at once, audited and sent to subscribed endpoints."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          {incidents.length === 0 && (
            <EmptyState title="No incidents">
              A rollback opens one automatically; you can also open one by hand.
            </EmptyState>
          )}
          {incidents.map((i) => (
            <article
              key={i.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              aria-label={i.title}
            >
              <header className="flex flex-wrap items-center gap-2">
                <h2 className="font-semibold text-slate-900">{i.title}</h2>
                <Badge tone={i.status === "resolved" ? "green" : "red"}>{i.status}</Badge>
                <Badge tone={i.severity === "minor" ? "amber" : "red"}>{i.severity}</Badge>
                <span className="text-xs text-slate-500">
                  {i.system.name} · opened {formatDateTime(i.createdAt)}
                  {i.rollout && (
                    <>
                      {" "}
                      ·{" "}
                      <Link href={`/rollouts/${i.rollout.id}`} className="underline">
                        {i.rollout.name}
                      </Link>
                    </>
                  )}{" "}
                  ·{" "}
                  <Link href={`/status/${i.system.slug}`} className="underline">
                    status page
                  </Link>
                </span>
              </header>
              <ol className="mt-2 space-y-1 text-sm">
                {i.updates.map((u) => (
                  <li key={u.id} className="text-slate-700">
                    <span className="font-mono text-xs text-slate-500">{formatDateTime(u.createdAt)}</span>{" "}
                    <strong>{u.status}</strong>: {u.message}
                    {u.author && <span className="text-xs text-slate-500"> — {u.author.name}</span>}
                  </li>
                ))}
              </ol>
              {i.rootCause && <p className="mt-1 text-sm text-slate-700">Root cause: {i.rootCause}</p>}
              {i.status !== "resolved" && <IncidentUpdateForm incidentId={i.id} status={i.status} />}
            </article>
          ))}
        </div>
        <OpenIncidentForm systems={systems} />
      </div>
    </>
  );
}
