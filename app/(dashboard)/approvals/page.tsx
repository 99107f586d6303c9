import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listRollouts } from "@/lib/rollouts/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { RolloutStatusBadge } from "@/components/rollouts/status-badge";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "rollouts.read")) return <Forbidden what="approvals" />;
  const waiting = await listRollouts(ctx, { status: ["draft", "awaiting_approval"] });
  return (
    <>
      <PageHeader title="Approvals" description="Rollout plans waiting for checklist signatures and approvers. An approval binds to the exact plan: editing it voids the approval." />
      {waiting.length === 0 ? (
        <EmptyState title="Nothing waiting for approval">When a release manager submits a rollout plan, approvers see it here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {waiting.map((r) => (
            <li key={r.id} className="flex items-center justify-between px-4 py-3">
              <div>
                <Link href={`/rollouts/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.name}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.system.name} · {r.strategy.replace(/_/g, " ")} · by {r.author.name}
                </div>
              </div>
              <RolloutStatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
