import Link from "next/link";
import { notFound } from "next/navigation";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { getRouterDetail, getRouterManifest } from "@/lib/routers/queries";
import { isKubernetesKind, routerKindFromType } from "@/lib/routers/registry";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime, percent, relativeTime } from "@/components/ui/format";
import { HealthBadge, SyncBadge } from "@/components/routers/badges";
import { ConnectionCard } from "@/components/routers/connection-card";
import { DeleteRouter } from "@/components/routers/delete-router";
import { kindLabel } from "@/components/routers/kind-help";
import { ManifestView } from "@/components/routers/manifest-view";
import { RecentErrors } from "@/components/routers/recent-errors";
import { SyncNow } from "@/components/routers/sync-now";
import { TestConnection } from "@/components/routers/test-connection";

export default async function RouterPage({ params }: { params: Promise<{ routerId: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "routers.read")) return <Forbidden what="routers" />;
  const { routerId } = await params;
  const detail = await getRouterDetail(ctx, routerId).catch((e) =>
    e instanceof NotFoundError ? notFound() : Promise.reject(e),
  );
  const { router, recentErrors, activeRollout } = detail;
  const kind = routerKindFromType(router.type);
  const admin = can(ctx, "routers.write");
  const manifest = isKubernetesKind(kind) ? await getRouterManifest(ctx, router.id) : null;
  const desired = router.desiredConfig as { weights?: Record<string, number> } | null;
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {router.name} <Badge>{kindLabel(kind)}</Badge>
          </span>
        }
        description={
          <>
            Fronts{" "}
            <Link href={`/systems/${router.system.slug}`} className="text-brand-700 hover:underline">
              {router.system.name}
            </Link>
            {activeRollout && (
              <>
                {" "}
                · rollout{" "}
                <Link href={`/rollouts/${activeRollout.id}`} className="text-brand-700 hover:underline">
                  {activeRollout.name}
                </Link>{" "}
                is {activeRollout.status}
              </>
            )}
          </>
        }
        actions={admin ? <SyncNow routerId={router.id} /> : undefined}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Health">
          <div className="flex flex-wrap items-center gap-2" data-testid="router-health">
            <HealthBadge health={router.health} />
            <span className="text-sm text-slate-600">checked {relativeTime(router.lastCheckedAt)}</span>
          </div>
          {admin && (
            <div className="mt-4">
              <TestConnection routerId={router.id} />
            </div>
          )}
        </Card>
        <Card title="Config sync">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="router-sync">
            <dt className="text-slate-500">Desired / applied</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">
                v{router.desiredVersion} / v{router.appliedVersion}
              </span>
              <SyncBadge desiredVersion={router.desiredVersion} appliedVersion={router.appliedVersion} />
            </dd>
            <dt className="text-slate-500">Last propagation</dt>
            <dd title={formatDateTime(router.lastAppliedAt)}>{relativeTime(router.lastAppliedAt)}</dd>
            <dt className="text-slate-500">Desired weights</dt>
            <dd className="font-mono text-xs">
              {desired?.weights && Object.keys(desired.weights).length
                ? Object.entries(desired.weights)
                    .map(([k, w]) => `${k} ${percent(w)}`)
                    .join(" · ")
                : "—"}
            </dd>
          </dl>
        </Card>
        <div className="md:col-span-2">
          <ConnectionCard
            router={{
              id: router.id,
              name: router.name,
              type: kind,
              endpoint: router.endpoint,
              settings: router.settings,
              secretSet: router.secretSet,
            }}
            canEdit={admin}
          />
        </div>
        <div className="md:col-span-2">
          <RecentErrors
            routerError={router.lastError ? { message: router.lastError, at: router.lastErrorAt } : null}
            applications={recentErrors}
          />
        </div>
        {manifest && (
          <div className="md:col-span-2">
            <Card title="Manifest for GitOps">
              <p className="mb-3 text-sm text-slate-600">
                {"yaml" in manifest
                  ? `What Switchyard server-side applies for the system's current routing (config v${manifest.version}${manifest.pushed ? "" : ", not pushed yet"}). Copy it into your GitOps repository instead of letting Switchyard apply it.`
                  : "The manifest can't be rendered for the current routing."}
              </p>
              <ManifestView
                yaml={"yaml" in manifest ? manifest.yaml : null}
                error={"error" in manifest ? manifest.error : null}
              />
            </Card>
          </div>
        )}
        {admin && (
          <div className="md:col-span-2">
            <DeleteRouter routerId={router.id} name={router.name} />
          </div>
        )}
      </div>
    </>
  );
}
