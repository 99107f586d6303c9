// The rollout page's rollback panel: two-person rollback, break-glass, and after a rollback seed
// 001's procedure (verify recovery, communicate, investigate). Self-contained: give it a rollout id.
import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { getRollbackPanel, type RollbackPanelData } from "@/lib/rollbacks/queries";
import { AutoRefresh } from "../ui/auto-refresh";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { WeightsTable } from "./weights-table";
import {
  BreakGlassForm,
  CancelRequestButton,
  ConfirmRollbackDialog,
  RequestRollbackForm,
  ReviewBreakGlassForm,
  RootCauseForm,
} from "./rollback-forms";

export async function RollbackPanel({ rolloutId }: { rolloutId: string }) {
  const ctx = await pageContext();
  const data = await getRollbackPanel(ctx, rolloutId);
  if (!data.live && data.requests.length === 0 && data.rollout.status !== "rolled_back") return null;
  return (
    <div className="space-y-4" data-testid="rollback-panel">
      {data.rollout.status === "rolled_back" && <Procedure data={data} />}
      {data.live && <LiveRollback data={data} />}
      {data.requests.some((r) => r.id !== data.pending?.id) && <History data={data} />}
    </div>
  );
}

function LiveRollback({ data }: { data: RollbackPanelData }) {
  const weights = {
    rolloutName: data.rollout.name,
    weightsBefore: data.weightsNow,
    weightsAfter: data.weightsAfter,
    labels: data.labels,
  };
  const { pending } = data;
  return (
    <Card title="Rollback">
      {pending ? (
        <div className="space-y-3 rounded-md border border-red-200 bg-red-50/50 p-3" data-testid="pending-rollback">
          <p className="text-sm text-slate-800">
            <span className="font-semibold">{pending.requestedBy?.name ?? "Someone"}</span> requested a rollback{" "}
            {formatDateTime(pending.createdAt)}: “{pending.reason}”
          </p>
          {pending.requestedById === data.me ? (
            <p className="text-sm text-slate-600">
              Waiting for a second person to confirm. You can’t confirm your own request.
            </p>
          ) : !data.can.confirm ? (
            <p className="text-sm text-slate-600">Waiting for an approver or release manager to confirm.</p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {data.can.confirm && <ConfirmRollbackDialog requestId={pending.id} {...weights} />}
            {data.can.cancel && <CancelRequestButton requestId={pending.id} />}
          </div>
        </div>
      ) : data.can.request ? (
        <RequestRollbackForm rolloutId={data.rollout.id} />
      ) : (
        <p className="text-sm text-slate-600">Release managers can request a rollback; a second person confirms it.</p>
      )}
      {data.can.breakGlass && (
        <details className="mt-4 rounded-md border border-amber-200 bg-amber-50/40 p-3">
          <summary className="cursor-pointer text-sm font-medium text-amber-900">
            Break glass: no second person available in time
          </summary>
          <div className="mt-3">
            <BreakGlassForm rolloutId={data.rollout.id} {...weights} />
          </div>
        </details>
      )}
    </Card>
  );
}

function History({ data }: { data: RollbackPanelData }) {
  return (
    <Card title="Rollback requests">
      <ul className="space-y-3" aria-label="Rollback requests">
        {data.requests
          .filter((r) => r.id !== data.pending?.id)
          .map((r) => (
            <li
              key={r.id}
              className="rounded-md border border-slate-200 p-3 text-sm"
              data-testid="rollback-request"
              data-status={r.status}
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={r.status === "executed" ? "red" : r.status === "pending" ? "amber" : "neutral"}>
                  {r.status}
                </Badge>
                {r.breakGlass && <Badge tone="amber">break-glass</Badge>}
                {r.source === "automatic" && <Badge tone="violet">automatic</Badge>}
                <span className="text-slate-700">“{r.reason}”</span>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {r.source === "automatic"
                  ? "Rolled back by a failed gate"
                  : `Requested by ${r.requestedBy?.name ?? "—"}`}{" "}
                · {formatDateTime(r.createdAt)}
                {r.confirmedBy && (
                  <>
                    {" "}
                    · confirmed by {r.confirmedBy.name} {formatDateTime(r.confirmedAt)}
                  </>
                )}
                {r.executedAt && <> · executed {formatDateTime(r.executedAt)}</>}
              </p>
              {r.weightsBefore && r.weightsAfter ? (
                <div className="mt-2 max-w-md">
                  <WeightsTable
                    before={r.weightsBefore as Record<string, number>}
                    after={r.weightsAfter as Record<string, number>}
                    labels={data.labels}
                    caption="Router weights before and after the rollback"
                  />
                </div>
              ) : null}
              {r.breakGlass && r.status !== "pending" && (
                <div className="mt-2" data-testid="break-glass-review">
                  {r.reviewedAt ? (
                    <p className="text-xs text-slate-600">
                      Reviewed by {r.reviewedBy?.name} {formatDateTime(r.reviewedAt)}: “{r.reviewNote}”
                    </p>
                  ) : r.requestedById === data.me ? (
                    <p className="text-xs text-amber-800">Awaiting review by another person.</p>
                  ) : data.can.review ? (
                    <ReviewBreakGlassForm requestId={r.id} />
                  ) : (
                    <p className="text-xs text-amber-800">Awaiting review.</p>
                  )}
                </div>
              )}
            </li>
          ))}
      </ul>
    </Card>
  );
}

const VERDICT: Record<string, { tone: "green" | "red" | "amber" | "neutral"; label: string }> = {
  recovered: { tone: "green", label: "recovered" },
  not_recovered: { tone: "red", label: "not recovered" },
  inconclusive: { tone: "amber", label: "inconclusive" },
  not_rolled_back: { tone: "neutral", label: "—" },
};

function Procedure({ data }: { data: RollbackPanelData }) {
  const executed = data.requests.find((r) => r.status === "executed");
  const recovery = data.recovery;
  const blocked = data.challengers.filter((v) => v.status === "blocked");
  const rootCause = data.incident?.rootCause;
  return (
    <Card title="After the rollback">
      <ol className="space-y-4 text-sm" data-testid="rollback-procedure">
        <Step n={1} title="Confirm and execute" done={!!executed}>
          {executed ? (
            <>
              {executed.breakGlass
                ? `Break-glass by ${executed.requestedBy?.name}`
                : executed.source === "automatic"
                  ? "Automatic, by a failed gate"
                  : `Requested by ${executed.requestedBy?.name}, confirmed by ${executed.confirmedBy?.name}`}{" "}
              · executed {formatDateTime(executed.executedAt)}. All traffic is on the champion.
            </>
          ) : (
            <>{data.rollout.statusReason ?? "Rolled back."}</>
          )}
        </Step>
        <Step n={2} title="Verify recovery" done={recovery?.verdict === "recovered"}>
          {recovery && (
            <div data-testid="recovery" data-verdict={recovery.verdict}>
              {/* Waiting for traffic since the rollback: look again until there is a verdict. */}
              {recovery.verdict === "inconclusive" && <AutoRefresh intervalMs={5_000} />}
              <Badge tone={VERDICT[recovery.verdict]!.tone}>{VERDICT[recovery.verdict]!.label}</Badge>{" "}
              <span className="text-slate-700">{recovery.summary}</span>
              <p className="mt-1 text-xs text-slate-500">
                Champion’s error rate and p95 since the rollback against its baseline during the rollout (limits: error
                rate +5 %, p95 +50 %).
              </p>
            </div>
          )}
        </Step>
        <Step n={3} title="Communicate" done={!!data.incident}>
          {data.incident ? (
            <>
              Incident “{data.incident.title}” ({data.incident.status}) is on the{" "}
              <Link className="text-brand-600 underline" href={`/status/${data.rollout.system.slug}`}>
                status page
              </Link>
              ; <span className="font-mono text-xs">rollback.executed</span> went to the subscribed notification
              endpoints.
            </>
          ) : (
            "No incident was opened."
          )}
        </Step>
        <Step n={4} title="Investigate" done={!!rootCause}>
          {rootCause ? (
            <p data-testid="root-cause">Root cause: “{rootCause}”</p>
          ) : (
            <>
              {blocked.length > 0 && (
                <p className="text-amber-900">
                  Blocked until a root cause is recorded:{" "}
                  {blocked.map((v) => `${v.model.name} ${v.version}`).join(", ")}.
                </p>
              )}
              {data.can.rootCause ? (
                <RootCauseForm rolloutId={data.rollout.id} />
              ) : (
                <p className="text-slate-600">A release manager records the root cause.</p>
              )}
            </>
          )}
        </Step>
      </ol>
    </Card>
  );
}

function Step({ n, title, done, children }: { n: number; title: string; done: boolean; children: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span
        aria-hidden
        className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-700"}`}
      >
        {done ? "✓" : n}
      </span>
      <div>
        <h3 className="font-medium text-slate-900">
          {title} <span className="sr-only">{done ? "(done)" : "(to do)"}</span>
        </h3>
        <div className="mt-0.5 text-slate-700">{children}</div>
      </div>
    </li>
  );
}
