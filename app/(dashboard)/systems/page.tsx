import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listSystems } from "@/lib/registry/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { Forbidden } from "@/components/shell/forbidden";
import { NewSystemForm } from "@/components/registry/new-system-form";

export const metadata = { title: "Systems & registry" };

export default async function SystemsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "registry.read")) return <Forbidden what="the registry" />;
  const systems = await listSystems(ctx);
  return (
    <>
      <PageHeader
        title="Systems & registry"
        description="Each system is a capability served by a model. Pipelines register versions with their artifact, digest and pipeline run; only registered versions can roll out."
      />
      {systems.length === 0 ? (
        <EmptyState title="No systems yet">
          An admin registers a system (for example “Customer Churn Prediction”); pipelines then register model versions
          into it.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {systems.map((s) => (
            <Link
              key={s.id}
              href={`/systems/${s.slug}`}
              className="group rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
            >
              <div className="flex items-start justify-between gap-2">
                <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{s.name}</h2>
                <Badge tone="neutral">{s.slug}</Badge>
              </div>
              <p className="mt-1 line-clamp-2 text-sm text-slate-600">{s.description || "No description."}</p>
              <dl className="mt-3 grid grid-cols-3 gap-2 text-xs">
                <div>
                  <dt className="text-slate-500">Serving</dt>
                  <dd className="font-medium text-slate-800">
                    {s.championVersion ? `${s.championVersion.model.name} ${s.championVersion.version}` : "nothing yet"}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">Versions</dt>
                  <dd className="font-medium text-slate-800">{s.models.reduce((n, m) => n + m._count.versions, 0)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">Routers</dt>
                  <dd className="font-medium text-slate-800">{s._count.routers}</dd>
                </div>
              </dl>
            </Link>
          ))}
        </div>
      )}
      {can(ctx, "systems.write") && (
        <div className="mt-8 max-w-2xl">
          <NewSystemForm />
        </div>
      )}
    </>
  );
}
