// GET /api/v1/openapi.json – the OpenAPI document of what exists (public)
import { buildOpenApiDocument } from "@/lib/api/openapi";
import "@/lib/api/openapi-operations";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return Response.json(buildOpenApiDocument(new URL(request.url).origin));
}
