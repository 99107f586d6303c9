// The rollout page's governance panel: seed 003's checklist, plan approvals, and what still
// blocks the start. Self-contained: give it a rollout id.
import { pageContext } from "@/lib/page-context";
import { getRolloutGovernance, type RolloutGovernanceData } from "@/lib/approvals/queries";
import { APPROVAL_STATE_LABELS, shortHash } from "@/lib/approvals/approval-policy";
import { Badge, type Tone } from "../ui/badge";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { SignItemForm } from "./sign-item-form";
import { RunChecksButton } from "./run-checks-button";
import { ApproveForm, RevokeApprovalButton } from "./approve-form";

const STATUS_TONES: Record<string, Tone> = { pending: "neutral", signed: "green", verified: "green", failed: "red" };
const VERIFY_LABELS: Record<string, string> = {
  offline_metrics: "registry metrics",
  routers_healthy: "router health",
  rollback_plan: "rollback plan",
  health_checks: "/healthz",
};

export async function RolloutGovernance({ rolloutId }: { rolloutId: string }) {
  const ctx = await pageContext();
  const data = await getRolloutGovernance(ctx, rolloutId);
  return (
    <div className="space-y-4" data-testid="rollout-governance">
      <StartBlockers data={data} />
      <Checklist data={data} />
      <Approvals data={data} />
    </div>
  );
}

function StartBlockers({ data }: { data: RolloutGovernanceData }) {
  if (!data.open) return null;
  return (
    <Card title="Before it can start">
      {data.blockers.length === 0 ? (
        <p className="text-sm text-emerald-700" data-testid="start-blockers">
          Nothing blocks the start: the checklist is done and the plan has its approvals.
          {data.rollout.status === "awaiting_approval" || data.rollout.status === "draft"
            ? " It becomes ready as soon as it is submitted."
            : ""}
        </p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="start-blockers">
          {data.rollout.status === "draft" && (
            <li>The plan is a draft: the release manager submits it for approval.</li>
          )}
          {data.blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Checklist({ data }: { data: RolloutGovernanceData }) {
  const sections = [...new Set(data.items.map((i) => i.section))];
  const required = data.items.filter((i) => i.required);
  const done = required.filter((i) => i.status === "signed" || i.status === "verified").length;
  const hasSystemItems = data.items.some((i) => i.verification !== "manual");
  return (
    <Card
      title={
        <span>
          Pre-deployment checklist{" "}
          <span className="font-normal text-slate-500">
            · {done} of {required.length} required done
          </span>
        </span>
      }
      actions={data.can.sign && hasSystemItems ? <RunChecksButton rolloutId={data.rollout.id} /> : undefined}
    >
      {data.items.length === 0 ? (
        <p className="text-sm text-slate-600">This rollout has no checklist.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {sections.map((section) => (
            <section key={section} aria-labelledby={`cl-${slug(section)}`}>
              <h3
                id={`cl-${slug(section)}`}
                className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500"
              >
                {section}
              </h3>
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                {data.items
                  .filter((i) => i.section === section)
                  .map((item) => (
                    <li
                      key={item.id}
                      className="px-3 py-2 text-sm"
                      data-testid="checklist-item"
                      data-label={item.label}
                      data-status={item.status}
                    >
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="font-medium text-slate-800">
                          {item.label}
                          {!item.required && (
                            <span className="ml-1 text-xs font-normal text-slate-500">(optional)</span>
                          )}
                        </span>
                        <span className="flex items-center gap-1">
                          {item.verification !== "manual" && (
                            <Badge tone="violet">system: {VERIFY_LABELS[item.verification]}</Badge>
                          )}
                          <Badge tone={STATUS_TONES[item.status]}>{item.status}</Badge>
                          {data.can.sign && item.verification === "manual" && item.status === "pending" && (
                            <SignItemForm itemId={item.id} label={item.label} />
                          )}
                        </span>
                      </div>
                      <ItemDetail item={item} />
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}

function ItemDetail({ item }: { item: RolloutGovernanceData["items"][number] }) {
  if (item.status === "signed") {
    return (
      <p className="mt-1 text-xs text-slate-600">
        Signed by {item.signedBy?.name ?? "someone"} · {formatDateTime(item.signedAt)}
        {item.note && <> · “{item.note}”</>}
        {item.evidenceUrl && (
          <>
            {" · "}
            <a className="text-brand-600 underline" href={item.evidenceUrl} target="_blank" rel="noreferrer">
              evidence
            </a>
          </>
        )}
      </p>
    );
  }
  const evidence = item.evidence as { summary?: string; checkedAt?: string } | null;
  if (evidence?.summary) {
    return (
      <details className="mt-1 text-xs text-slate-600">
        <summary className={`cursor-pointer ${item.status === "failed" ? "text-red-700" : ""}`}>
          {evidence.summary} · checked {formatDateTime(evidence.checkedAt)}
        </summary>
        <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-[11px] leading-snug">
          {JSON.stringify(item.evidence, null, 2)}
        </pre>
      </details>
    );
  }
  if (item.verification !== "manual")
    return <p className="mt-1 text-xs text-slate-500">Not checked yet: run the checks.</p>;
  return null;
}

function Approvals({ data }: { data: RolloutGovernanceData }) {
  const needed = data.rollout.system.requiredApprovals;
  return (
    <Card
      title={
        <span>
          Plan approvals{" "}
          <span className="font-normal text-slate-500">
            · {data.validApprovals} of {needed} valid on plan {shortHash(data.rollout.planHash)}
          </span>
        </span>
      }
    >
      <p className="mb-3 text-xs text-slate-600">
        {data.rollout.system.name} needs {needed} approver{needed === 1 ? "" : "s"} other than the author (
        {data.rollout.author.name}). An approval binds to the plan’s hash: editing the plan voids it. Approvals expire.
      </p>
      {data.approvals.length === 0 ? (
        <p className="text-sm text-slate-600">No approvals yet.</p>
      ) : (
        <ul className="mb-3 divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Approvals">
          {data.approvals.map((a) => (
            <li
              key={a.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
              data-testid="approval"
            >
              <span>
                <span className="font-medium text-slate-800">{a.approver.name}</span>
                <span className="text-xs text-slate-500">
                  {" "}
                  · {formatDateTime(a.createdAt)} · plan <span className="font-mono">{shortHash(a.planHash)}</span> ·
                  expires {formatDateTime(a.expiresAt)}
                </span>
                {a.comment && <span className="block text-xs text-slate-600">“{a.comment}”</span>}
              </span>
              <span className="flex items-center gap-1">
                <Badge tone={a.state === "valid" ? "green" : "neutral"}>{APPROVAL_STATE_LABELS[a.state]}</Badge>
                {a.mine && a.state === "valid" && data.open && <RevokeApprovalButton approvalId={a.id} />}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.can.approve ? (
        <ApproveForm rolloutId={data.rollout.id} planHash={data.rollout.planHash} />
      ) : data.can.isAuthor && data.open ? (
        <p className="text-xs text-slate-500">You wrote this plan: approvers other than you approve it.</p>
      ) : null}
    </Card>
  );
}

function slug(s: string) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
