"use client";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useRollout } from "@/lib/rollouts/use-rollout";
import type { PresentedRollout } from "@/lib/rollouts/present-rollout";
import { isActive } from "@/lib/rollouts/state-machine";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { formatDateTime, relativeTime } from "../ui/format";
import { RolloutStatusBadge } from "./status-badge";
import { RolloutControls } from "./rollout-controls";
import { SplitBar } from "./split-bar";
import { StepTimeline } from "./step-timeline";
import { RouterSyncTable } from "./router-sync-table";
import { WeightHistory } from "./weight-history";
import { StepWaitCard } from "./step-wait-card";

export interface RolloutPanels {
  governance?: ReactNode;
  rollback?: ReactNode;
  /** Resume, keep waiting, accept with a reason, roll back or abort, when the rollout stopped for a person. */
  decision?: ReactNode;
  metrics?: ReactNode;
  analysis?: ReactNode;
  report?: ReactNode;
}

export function RolloutLive({
  initial,
  canControl,
  canWrite,
  panels = {},
}: {
  initial: PresentedRollout;
  canControl: boolean;
  canWrite: boolean;
  panels?: RolloutPanels;
}) {
  const { data: r, isFetching, error } = useRollout(initial.id, initial);
  // The server-rendered panels (checklist, approvals, rollback) follow status changes too.
  const router = useRouter();
  const seen = useRef(`${initial.status}:${initial.revision}:${initial.currentStepIndex}`);
  useEffect(() => {
    const key = `${r.status}:${r.revision}:${r.currentStepIndex}`;
    if (key !== seen.current) {
      seen.current = key;
      router.refresh();
    }
  }, [r.status, r.revision, r.currentStepIndex, router]);
  const challenger = r.trafficPath;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">
            <Link href="/rollouts" className="hover:underline">
              Rollouts
            </Link>{" "}
            /{" "}
            <Link href={`/systems/${r.system.slug}`} className="hover:underline">
              {r.system.name}
            </Link>
          </p>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-slate-900">
            {r.name} <RolloutStatusBadge status={r.status} />
            <Badge tone="violet">{r.strategy.replace(/_/g, " ")}</Badge>
            {r.strategy === "canary" && <Badge>phase {r.phase.toUpperCase()}</Badge>}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {r.variants.find((v) => v.role === "champion")?.version} →{" "}
            {r.variants
              .filter((v) => v.role === "challenger")
              .map((v) => v.version)
              .join(", ")}{" "}
            · by {r.author.name} · created {formatDateTime(r.createdAt)}
            {r.startedAt && ` · started ${relativeTime(r.startedAt)}`}
          </p>
        </div>
        <div className="flex items-center gap-2 text-xs text-slate-500" aria-live="polite">
          <span className={`h-2 w-2 rounded-full ${isFetching ? "bg-emerald-500" : "bg-slate-300"}`} />
          {error ? "Reconnecting…" : "Live"}
        </div>
      </div>

      {r.statusReason && (
        <div
          className={`rounded-md border px-4 py-2.5 text-sm ${r.status === "rolled_back" ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}
          data-testid="status-reason"
        >
          {r.statusReason}
        </div>
      )}
      <StepWaitCard rollout={r} />
      {!r.inSync && isActive(r.status) && (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2.5 text-sm text-amber-900"
        >
          <strong>Not in sync:</strong> not every router has confirmed config v{r.configVersion}. Promotion waits until
          they do; Switchyard keeps retrying.
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Traffic path" className="lg:col-span-2">
          <p className="text-sm leading-relaxed text-slate-700" data-testid="traffic-path">
            {challenger.text}
          </p>
          <div className="mt-4">
            <SplitBar weights={r.desiredWeights} variants={r.variants} label="Desired traffic split" />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Config v{r.configVersion} · plan hash <span className="font-mono">{r.planHash.slice(0, 12)}</span> · sticky
            on{" "}
            <span className="font-mono">
              {(r.config as { stickiness?: { header?: string } }).stickiness?.header ?? "x-user-id"}
            </span>
          </p>
        </Card>
        <Card title="Controls">
          <RolloutControls rollout={r} canControl={canControl} canWrite={canWrite} />
          {!canControl && !canWrite && (
            <p className="text-sm text-slate-600">You can follow this rollout; your role can’t change it.</p>
          )}
        </Card>
      </div>

      {panels.decision}
      {panels.rollback}

      <Card title="Routers: desired vs applied">
        <RouterSyncTable rollout={r} />
      </Card>

      {/* Before the start the checklist and approvals matter most; once it runs, the evidence. */}
      {r.startedAt ? (
        <>
          {panels.metrics}
          {panels.report}
          {panels.analysis}
          {panels.governance}
        </>
      ) : (
        panels.governance
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Plan (${r.steps.length} steps)`}>
          <StepTimeline rollout={r} />
        </Card>
        <Card title="Weight changes">
          <WeightHistory rollout={r} />
        </Card>
      </div>
    </div>
  );
}
