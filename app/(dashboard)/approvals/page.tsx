import Link from "next/link";
import { pageContext } from "@/lib/page-context";
import { can } from "@/lib/permissions";
import { getApprovalInbox } from "@/lib/approvals/queries";
import { PageHeader } from "@/components/ui/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { ApprovalInbox } from "@/components/approvals/approval-inbox";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const ctx = await pageContext();
  if (!can(ctx, "rollouts.read")) return <Forbidden what="approvals" />;
  const inbox = await getApprovalInbox(ctx);
  return (
    <>
      <PageHeader
        title="Approvals"
        description={
          <>
            What waits for a second person: plans to approve and checklists to sign, rollback requests to confirm,
            break-glass rollbacks to review. An approval binds to the exact plan: editing it voids the approval.{" "}
            {can(ctx, "checklists.templates") && (
              <Link className="text-brand-600 underline" href="/admin/checklists">
                Edit checklist templates
              </Link>
            )}
          </>
        }
      />
      <ApprovalInbox inbox={inbox} />
    </>
  );
}
