// POST /api/v1/audit/verify – verify the whole audit chain now (records an audit.verify event)
// GET /api/v1/audit/verify – the latest verification results, newest first (?take=10)
import { apiRoute, json } from "@/lib/api/route";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { listAuditVerifications } from "@/lib/audit/verification-queries";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ ctx }) => json({ verification: await verifyAuditChain({ ctx }) }));

export const GET = apiRoute(async ({ request, ctx }) => {
  const take = Number(new URL(request.url).searchParams.get("take") ?? 10);
  return { verifications: await listAuditVerifications(ctx, Number.isFinite(take) && take > 0 ? take : 10) };
});
