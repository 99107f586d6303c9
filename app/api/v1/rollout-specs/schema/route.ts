// GET /api/v1/rollout-specs/schema – the JSON Schema of rollout specs (public; also at /schemas/rollout-spec.v1.json)
import { rolloutSpecJsonSchema } from "@/lib/rollouts/rollout-spec";

export const dynamic = "force-static";

export function GET() {
  return Response.json(rolloutSpecJsonSchema(), { headers: { "cache-control": "public, max-age=300" } });
}
