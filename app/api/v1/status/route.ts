// GET /api/v1/status – public status feed (no auth): per system what serves, rollouts, incidents, history
import { getStatusPage } from "@/lib/status/get-status-page";

export const dynamic = "force-dynamic";

export async function GET() {
  const systems = await getStatusPage();
  return Response.json(
    { generatedAt: new Date().toISOString(), systems },
    { headers: { "cache-control": "public, max-age=5" } },
  );
}
