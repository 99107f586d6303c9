import Link from "next/link";
import type { getApprovalInbox } from "@/lib/approvals/queries";
import { RolloutStatusBadge } from "../rollouts/status-badge";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";

type Inbox = Awaited<ReturnType<typeof getApprovalInbox>>;

/** The Approvals page body: three queues, each naming what the signed-in person can do. */
export function ApprovalInbox({ inbox }: { inbox: Inbox }) {
  return (
    <div className="space-y-8">
      <Section title="Rollback requests awaiting confirmation" testId="queue-rollbacks">
        {inbox.pendingRollbacks.length === 0 ? (
          <EmptyState title="No rollback waiting for confirmation">
            A release manager’s rollback request shows here until a second person confirms or cancels it.
          </EmptyState>
        ) : (
          <List>
            {inbox.pendingRollbacks.map((r) => (
              <Row
                key={r.id}
                href={`/rollouts/${r.rollout.id}`}
                title={r.rollout.name}
                meta={`${r.rollout.system.name} · requested by ${r.requestedBy?.name ?? "—"} ${formatDateTime(r.createdAt)} · “${r.reason}”`}
              >
                {r.requestedById === inbox.me ? (
                  <Badge>yours: someone else confirms</Badge>
                ) : inbox.can.confirm ? (
                  <Badge tone="red">confirm or cancel</Badge>
                ) : (
                  <Badge tone="amber">pending</Badge>
                )}
              </Row>
            ))}
          </List>
        )}
      </Section>

      <Section title="Plans awaiting approval and checklist signatures" testId="queue-approvals">
        {inbox.rollouts.length === 0 ? (
          <EmptyState title="Nothing waiting for approval">
            When a release manager submits a rollout plan, approvers see it here.
          </EmptyState>
        ) : (
          <List>
            {inbox.rollouts.map((r) => (
              <Row
                key={r.id}
                href={`/rollouts/${r.id}`}
                title={r.name}
                meta={`${r.system} · ${r.strategy.replace(/_/g, " ")} · by ${r.author.name} · approvals ${r.valid}/${r.needed} · checklist ${r.requiredDone}/${r.requiredTotal}`}
              >
                {r.author.id === inbox.me ? (
                  <Badge>your plan</Badge>
                ) : r.approvedByMe ? (
                  <Badge tone="green">you approved</Badge>
                ) : inbox.can.approve && r.status === "awaiting_approval" ? (
                  <Badge tone="blue">needs your approval</Badge>
                ) : null}
                {inbox.can.sign && r.manualToSign > 0 && <Badge tone="amber">{r.manualToSign} to sign</Badge>}
                <RolloutStatusBadge status={r.status} />
              </Row>
            ))}
          </List>
        )}
      </Section>

      <Section title="Break-glass rollbacks awaiting review" testId="queue-break-glass">
        {inbox.breakGlass.length === 0 ? (
          <EmptyState title="No break-glass rollback to review">
            When someone rolls back alone, another person reviews it here.
          </EmptyState>
        ) : (
          <List>
            {inbox.breakGlass.map((r) => (
              <Row
                key={r.id}
                href={`/rollouts/${r.rollout.id}`}
                title={r.rollout.name}
                meta={`${r.rollout.system.name} · by ${r.requestedBy?.name ?? "—"} ${formatDateTime(r.createdAt)} · “${r.reason}”`}
              >
                <Badge tone="amber">break-glass</Badge>
                {r.requestedById === inbox.me ? (
                  <Badge>yours: someone else reviews</Badge>
                ) : inbox.can.confirm ? (
                  <Badge tone="red">review it</Badge>
                ) : null}
              </Row>
            ))}
          </List>
        )}
      </Section>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h2 className="mb-2 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function List({ children }: { children: React.ReactNode }) {
  return <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">{children}</ul>;
}

function Row({
  href,
  title,
  meta,
  children,
}: {
  href: string;
  title: string;
  meta: string;
  children: React.ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <div className="min-w-0">
        <Link href={href} className="font-medium text-brand-700 hover:underline">
          {title}
        </Link>
        <div className="truncate text-xs text-slate-500">{meta}</div>
      </div>
      <div className="flex items-center gap-1">{children}</div>
    </li>
  );
}
