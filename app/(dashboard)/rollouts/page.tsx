import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listRollouts } from "@/lib/rollouts/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { RolloutStatusBadge } from "@/components/rollouts/status-badge";
import { formatDateTime, percent } from "@/components/ui/format";

export const metadata = { title: "Rollouts" };

export default async function RolloutsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "rollouts.read")) return <Forbidden what="rollouts" />;
  const rollouts = await listRollouts(ctx);
  const canWrite = can(ctx, "rollouts.write");
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Champion against challenger, one system at a time: canary, blue-green, shadow, A/B, feature flag, champion/challenger or bandit."
        actions={canWrite ? <ButtonLink href="/rollouts/new">New rollout</ButtonLink> : undefined}
      />
      {rollouts.length === 0 ? (
        <EmptyState
          title="No rollouts yet"
          action={
            canWrite ? (
              <ButtonLink href="/rollouts/new">Start your first rollout</ButtonLink>
            ) : (
              <ButtonLink variant="secondary" href="/systems">
                Browse the registry
              </ButtonLink>
            )
          }
        >
          {canWrite
            ? "Pick a system, a registered challenger version and a strategy. Approvers sign the plan, then Switchyard moves traffic step by step and watches the metrics."
            : "When a release manager starts a rollout it shows up here with its live traffic split."}
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Rollout</Th>
              <Th>System</Th>
              <Th>Strategy</Th>
              <Th>Versions</Th>
              <Th>Challenger share</Th>
              <Th>Status</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rollouts.map((r) => {
              const weights = r.desiredWeights as Record<string, number>;
              const challengerShare = r.variants
                .filter((v) => v.role === "challenger")
                .reduce((n, v) => n + (weights[v.key] ?? 0), 0);
              const champion = r.variants.find((v) => v.role === "champion");
              const challengers = r.variants.filter((v) => v.role === "challenger");
              return (
                <tr key={r.id}>
                  <Td>
                    <Link href={`/rollouts/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                    <div className="text-xs text-slate-500">by {r.author.name}</div>
                  </Td>
                  <Td>{r.system.name}</Td>
                  <Td>{r.strategy.replace(/_/g, " ")}</Td>
                  <Td className="text-xs">
                    {champion?.version.version} → {challengers.map((c) => c.version.version).join(", ")}
                  </Td>
                  <Td className="font-mono text-xs">{percent(challengerShare)}</Td>
                  <Td>
                    <RolloutStatusBadge status={r.status} />
                    {!r.inSync && <div className="mt-1 text-xs text-amber-700">not in sync</div>}
                  </Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(r.createdAt)}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
