// Any other /api/v1 path – problem+json 404 rather than an HTML page
import { problem } from "@/lib/api/problem";

const notFound = (request: Request) =>
  problem(404, `No API route ${new URL(request.url).pathname}. See /api/v1/openapi.json.`, { code: "not_found" });
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
