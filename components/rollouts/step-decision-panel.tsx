// What a person can do when a rollout stopped for one: resume, keep waiting, accept the step with
// a written reason (a second person confirms), roll back or abort. Shown while the rollout is
// paused or an acceptance waits for its second person. Self-contained: give it a rollout id.
import { pageContext } from "@/lib/page-context";
import { getStepDecision } from "@/lib/gate-overrides/queries";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import {
  AcceptStepForm,
  CancelAcceptanceButton,
  ConfirmAcceptanceButton,
  KeepWaitingForm,
} from "./step-decision-forms";

export async function StepDecisionPanel({ rolloutId }: { rolloutId: string }) {
  const ctx = await pageContext();
  const d = await getStepDecision(ctx, rolloutId);
  if (d.rollout.status !== "paused" && !d.pending) return null;
  const stepNo = d.rollout.currentStepIndex + 1;
  const gates = (d.pending?.gates ?? []) as { gate: string; verdict: string; reason: string | null }[];
  return (
    <Card title={d.pending ? `Accepting step ${stepNo}: waiting for a second person` : "Paused: what you can do"}>
      <div className="space-y-4" data-testid="step-decision">
        {d.pending ? (
          <div
            className="space-y-2 rounded-md border border-amber-200 bg-amber-50/50 p-3"
            data-testid="pending-acceptance"
          >
            <p className="text-sm text-slate-800">
              <span className="font-semibold">{d.pending.requestedBy.name}</span> asked{" "}
              {formatDateTime(d.pending.createdAt)} to accept step {stepNo} without{" "}
              {gates.map((g) => g.gate).join(", ")} passing: “{d.pending.reason}”
            </p>
            <ul className="text-xs text-slate-600">
              {gates.map((g) => (
                <li key={g.gate}>
                  {g.gate}: {g.verdict === "waiting" ? "waiting for data" : g.verdict}
                  {g.reason ? ` (${g.reason})` : ""}
                </li>
              ))}
            </ul>
            {d.pending.requestedById === d.me ? (
              <p className="text-sm text-slate-600">
                Waiting for a second person to confirm. You can&apos;t confirm your own request.
              </p>
            ) : !d.can.confirm ? (
              <p className="text-sm text-slate-600">Waiting for an approver or release manager to confirm.</p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              {d.can.confirm && <ConfirmAcceptanceButton overrideId={d.pending.id} stepNo={stepNo} />}
              {d.can.cancel && <CancelAcceptanceButton overrideId={d.pending.id} />}
            </div>
          </div>
        ) : (
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>
              <strong>Resume</strong> (Controls): goes on if nothing stops it at once; otherwise it says why.
            </li>
            {d.analysis && (
              <li>
                <strong>Keep waiting</strong>: give the step&apos;s gates more time to get their data.
              </li>
            )}
            {d.analysis && (
              <li>
                <strong>Accept the step with a reason</strong>: a second person confirms; the deployment record lists it
                as an override.
              </li>
            )}
            <li>
              <strong>Roll back</strong> (Rollback panel): a second person confirms; everyone goes back to the champion.
            </li>
            <li>
              <strong>Abort</strong> (Controls): stop here, everyone back to the champion.
            </li>
          </ol>
        )}
        {d.can.keepWaiting && (
          <KeepWaitingForm rolloutId={d.rollout.id} revision={d.rollout.revision} choices={[...d.keepWaitingMinutes]} />
        )}
        {d.can.accept && <AcceptStepForm rolloutId={d.rollout.id} stepNo={stepNo} />}
        {!d.can.keepWaiting && !d.can.accept && !d.pending && (
          <p className="text-sm text-slate-600">Release managers resume, keep waiting or accept; approvers confirm.</p>
        )}
      </div>
    </Card>
  );
}
