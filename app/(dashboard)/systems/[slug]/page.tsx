import { notFound } from "next/navigation";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { getSystemOrThrow } from "@/lib/registry/queries";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, shortDigest } from "@/components/ui/format";
import { Forbidden } from "@/components/shell/forbidden";
import { ButtonLink } from "@/components/ui/button";

export default async function SystemPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "registry.read")) return <Forbidden what="the registry" />;
  const { slug } = await params;
  const system = await getSystemOrThrow(ctx, slug).catch((e) =>
    e instanceof NotFoundError ? notFound() : Promise.reject(e),
  );
  const versions = system.models.flatMap((m) => m.versions.map((v) => ({ ...v, modelName: m.name })));
  return (
    <>
      <PageHeader
        title={system.name}
        description={system.description}
        actions={
          can(ctx, "rollouts.write") && versions.length > 1 ? (
            <ButtonLink href={`/rollouts/new?system=${system.slug}`}>New rollout</ButtonLink>
          ) : undefined
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Card title="Serving now">
          <p className="text-lg font-semibold text-slate-900">
            {system.championVersion
              ? `${system.championVersion.model.name} ${system.championVersion.version}`
              : "Nothing yet"}
          </p>
          <p className="text-xs text-slate-500">The champion: what 100 % of traffic gets when no rollout runs.</p>
        </Card>
        <Card title="Approvals per rollout">
          <p className="text-lg font-semibold text-slate-900">{system.requiredApprovals}</p>
          <p className="text-xs text-slate-500">Approvers other than the author must sign the exact plan.</p>
        </Card>
        <Card title="Mirror-safe routes">
          <p className="font-mono text-sm text-slate-800">{system.mirrorSafeRoutes.join(", ") || "none"}</p>
          <p className="text-xs text-slate-500">Only these read-only routes may be shadowed.</p>
        </Card>
      </div>

      <h2 className="mb-2 text-sm font-semibold text-slate-800">Registered versions</h2>
      {versions.length === 0 ? (
        <EmptyState title="No versions registered">
          Pipelines register versions with{" "}
          <code className="rounded bg-slate-100 px-1">POST /api/v1/registry/versions</code>, giving the artifact URI,
          its sha256 digest and the pipeline run.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Artifact</Th>
              <Th>Provenance</Th>
              <Th>Offline metrics</Th>
              <Th>Registered</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((v) => (
              <tr key={v.id}>
                <Td>
                  <div className="font-medium text-slate-900">
                    {v.modelName} {v.version}
                  </div>
                  <div className="mt-0.5 flex gap-1">
                    {v.id === system.championVersionId && <Badge tone="blue">champion</Badge>}
                    {v.status === "blocked" && (
                      <Badge tone="red" title={v.blockedReason ?? undefined}>
                        blocked
                      </Badge>
                    )}
                    {v.status === "retired" && <Badge>retired</Badge>}
                  </div>
                </Td>
                <Td className="max-w-[16rem] break-all font-mono text-xs">{v.artifactUri}</Td>
                <Td className="text-xs">
                  <div title={v.digest} className="font-mono">
                    sha256 {shortDigest(v.digest)}…
                  </div>
                  <div>
                    run{" "}
                    {v.pipelineRunUrl ? (
                      <a className="text-brand-600 underline" href={v.pipelineRunUrl} rel="noreferrer" target="_blank">
                        {v.pipelineRunId}
                      </a>
                    ) : (
                      v.pipelineRunId
                    )}
                  </div>
                  {v.sourceCommit && <div className="font-mono">commit {v.sourceCommit.slice(0, 12)}</div>}
                </Td>
                <Td className="text-xs">
                  {Object.entries(v.offlineMetrics as Record<string, number>).map(([k, val]) => (
                    <div key={k}>
                      <span className="text-slate-500">{k}</span> <span className="font-mono">{val}</span>
                    </div>
                  ))}
                </Td>
                <Td className="whitespace-nowrap text-xs">{formatDateTime(v.createdAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <div className="mt-8 grid gap-4 lg:grid-cols-2">
        <Card title="Slots (model server endpoints)">
          {system.environments.flatMap((e) => e.slots).length === 0 ? (
            <p className="text-sm text-slate-600">
              No slots. A slot is an endpoint a router can send traffic to (blue, green, canary…).
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {system.environments.flatMap((e) =>
                e.slots.map((s) => (
                  <li key={s.id} className="flex items-center justify-between py-2">
                    <span>
                      <span className="font-medium">
                        {e.name}/{s.name}
                      </span>{" "}
                      <span className="font-mono text-xs text-slate-500">{s.upstreamUrl}</span>
                    </span>
                    <span className="text-xs text-slate-600">{s.version ? `runs ${s.version.version}` : "empty"}</span>
                  </li>
                )),
              )}
            </ul>
          )}
        </Card>
        <Card title="Routers">
          {system.routers.length === 0 ? (
            <p className="text-sm text-slate-600">
              No routers. An admin registers the routers in front of this system on the Routers page.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {system.routers.map((r) => (
                <li key={r.id} className="flex items-center justify-between py-2">
                  <span className="font-medium">{r.name}</span>
                  <span className="flex items-center gap-2 text-xs">
                    <Badge>{r.type}</Badge>
                    <Badge
                      tone={
                        r.health === "healthy"
                          ? "green"
                          : r.health === "down"
                            ? "red"
                            : r.health === "degraded"
                              ? "amber"
                              : "neutral"
                      }
                    >
                      {r.health}
                    </Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
