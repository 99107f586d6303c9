import { notFound } from "next/navigation";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { NotFoundError } from "@/lib/errors";
import { getRolloutDetailOrThrow } from "@/lib/rollouts/queries";
import { presentRollout } from "@/lib/rollouts/present-rollout";
import { isActive } from "@/lib/rollouts/state-machine";
import { isExperiment } from "@/lib/strategies/plan";
import { Forbidden } from "@/components/shell/forbidden";
import { RolloutLive } from "@/components/rollouts/rollout-live";
import { RolloutGovernance } from "@/components/approvals/rollout-governance";
import { RollbackPanel } from "@/components/rollbacks/rollback-panel";
import { StepDecisionPanel } from "@/components/rollouts/step-decision-panel";
import { RolloutMetricsPanel } from "@/components/charts/rollout-metrics-panel";
import { AnalysisRunsTable } from "@/components/analysis/analysis-runs-table";
import { AbTestReport } from "@/components/analysis/ab-test-report";

export default async function RolloutPage({ params }: { params: Promise<{ rolloutId: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "rollouts.read")) return <Forbidden what="rollouts" />;
  const { rolloutId } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(rolloutId)) notFound();
  const detail = await getRolloutDetailOrThrow(ctx, rolloutId).catch((e) =>
    e instanceof NotFoundError ? notFound() : Promise.reject(e),
  );
  const rollout = presentRollout(detail);
  return (
    <RolloutLive
      initial={JSON.parse(JSON.stringify(rollout))}
      canControl={can(ctx, "rollouts.control")}
      canWrite={can(ctx, "rollouts.write")}
      panels={{
        governance: <RolloutGovernance rolloutId={rollout.id} />,
        rollback: <RollbackPanel rolloutId={rollout.id} />,
        decision: <StepDecisionPanel rolloutId={rollout.id} />,
        metrics: rollout.startedAt ? (
          <RolloutMetricsPanel rolloutId={rollout.id} live={isActive(rollout.status)} />
        ) : undefined,
        analysis: rollout.startedAt ? <AnalysisRunsTable rolloutId={rollout.id} /> : undefined,
        report:
          isExperiment(rollout.strategy) && rollout.startedAt ? <AbTestReport rolloutId={rollout.id} /> : undefined,
      }}
    />
  );
}
