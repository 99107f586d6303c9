// GET /api/v1/rollouts/[rolloutId]/analysis – the latest verdict per gate and recent runs with their evidence (?take=)
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getLatestGateVerdicts } from "@/lib/analysis/latest-gate-verdicts";
import { idField } from "@/lib/validation";

export const dynamic = "force-dynamic";

const query = z.object({ take: z.coerce.number().int().min(1).max(500).default(50) }).strict();

export const GET = apiRoute<{ rolloutId: string }>(async ({ request, ctx, params }) => {
  const { take } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return getLatestGateVerdicts(ctx, idField.parse(params.rolloutId), take);
});
