import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { listAuditEvents } from "@/lib/audit/queries";
import { listAuditEventsAround, listAuditVerifications } from "@/lib/audit/verification-queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { PastVerifications } from "@/components/audit/past-verifications";

export const metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ around?: string }> }) {
  const ctx = await pageContext();
  if (!can(ctx, "audit.read")) return <Forbidden what="the audit trail" />;
  const { around } = await searchParams;
  const aroundId = around && /^\d{1,18}$/.test(around) ? BigInt(around) : null;
  const [events, verifications] = await Promise.all([
    aroundId !== null ? listAuditEventsAround(ctx, aroundId) : listAuditEvents(ctx, { take: 200 }),
    listAuditVerifications(ctx, 5),
  ]);
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change by a person, a pipeline token or the controller, append-only and hash-chained. The database refuses edits and deletes."
      />
      {can(ctx, "audit.verify") && (
        <Card title="Chain verification" className="mb-6">
          <VerifyChainPanel />
          <div className="mt-4 border-t border-slate-100 pt-3">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Recent verifications</h3>
            <PastVerifications items={verifications} />
          </div>
        </Card>
      )}
      {aroundId !== null && (
        <p className="mb-3 text-sm text-slate-600">
          Showing events around row {aroundId.toString()}.{" "}
          <Link href="/audit" className="underline">
            Show the latest events
          </Link>
        </p>
      )}
      {events.length === 0 ? (
        <EmptyState title={aroundId !== null ? "No events near this row" : "No events yet"}>
          {aroundId !== null
            ? "The rows around it are missing: the chain has a gap here."
            : "Events appear here as soon as anyone changes anything."}
        </EmptyState>
      ) : (
        <AuditEventsTable events={events} highlight={aroundId?.toString()} />
      )}
    </>
  );
}
