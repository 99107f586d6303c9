// POST /api/v1/ingest/outcomes – delayed labels, rewards, conversions, complaints and critical errors, idempotent by eventId
import crypto from "node:crypto";
import { json } from "@/lib/api/route";
import { problemFromError } from "@/lib/api/problem";
import { readJson } from "@/lib/api/read-json";
import { db } from "@/lib/db";
import { authenticateIngest, throttleIngest, ThrottledError } from "@/lib/ingest/authenticate-ingest";
import { ingestOutcomes } from "@/lib/ingest/ingest-outcomes";
import { outcomeBatchSchema } from "@/lib/ingest/schemas";

export async function POST(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  try {
    const { key } = await authenticateIngest(request);
    const body = await readJson(request, outcomeBatchSchema, 8 * 1024 * 1024);
    throttleIngest(key, body.events.length);
    const result = await ingestOutcomes(db, body.events);
    return json(result, 200);
  } catch (error) {
    const res = problemFromError(error, requestId);
    if (error instanceof ThrottledError) res.headers.set("retry-after", String(error.retryAfterSeconds));
    return res;
  }
}
