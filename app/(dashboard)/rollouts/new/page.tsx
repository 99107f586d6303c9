import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { db } from "@/lib/db";
import { requirePermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { RolloutWizard, type WizardSystem } from "@/components/rollouts/rollout-wizard";
import { parseRolloutTemplate } from "@/lib/rollouts/rollout-template";

export const metadata = { title: "New rollout" };

export default async function NewRolloutPage({ searchParams }: { searchParams: Promise<{ system?: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "rollouts.write")) return <Forbidden what="creating rollouts" />;
  requirePermission(ctx, "registry.read");
  const systems = await db.system.findMany({
    orderBy: { name: "asc" },
    include: {
      championVersion: true,
      models: { include: { versions: { orderBy: { createdAt: "desc" } } } },
      environments: { include: { slots: true } },
      _count: { select: { routers: true } },
    },
  });
  const options: WizardSystem[] = systems
    .filter((s) => s.championVersion)
    .map((s) => ({
      slug: s.slug,
      name: s.name,
      champion: { id: s.championVersion!.id, version: s.championVersion!.version },
      mirrorSafeRoutes: s.mirrorSafeRoutes,
      routers: s._count.routers,
      requiredApprovals: s.requiredApprovals,
      template: parseRolloutTemplate(s.rolloutTemplate),
      slots: s.environments.flatMap((e) =>
        e.slots.map((sl) => ({
          id: sl.id,
          name: `${e.name}/${sl.name}`,
          upstreamUrl: sl.upstreamUrl,
          versionId: sl.versionId,
        })),
      ),
      versions: s.models.flatMap((m) =>
        m.versions
          .filter((v) => v.id !== s.championVersionId)
          .map((v) => ({
            id: v.id,
            label: `${m.name} ${v.version}`,
            version: v.version,
            blocked: v.status === "blocked" ? (v.blockedReason ?? "blocked") : null,
            metrics: v.offlineMetrics as Record<string, number>,
          })),
      ),
    }));
  const { system } = await searchParams;
  return (
    <>
      <PageHeader
        title="New rollout"
        description="Pick what to change, how much risk to take at once, and what evidence moves it forward. The plan is saved as a draft; approvers sign it before it can start."
      />
      {options.length === 0 ? (
        <EmptyState title="Nothing to roll out yet">
          A system needs a champion (the version serving now) and at least one registered challenger version.
        </EmptyState>
      ) : (
        <RolloutWizard systems={options} initialSystem={system} />
      )}
    </>
  );
}
