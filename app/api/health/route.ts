// GET /api/health – liveness with the database checked
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "error", detail: "database unreachable" }, { status: 503 });
  }
}
