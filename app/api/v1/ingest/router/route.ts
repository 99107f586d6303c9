// POST /api/v1/ingest/router – a router's metrics batch (lib/dataplane/report-schema.ts), idempotent by the batch id (batchId, else routerId + sequence)
import crypto from "node:crypto";
import { json } from "@/lib/api/route";
import { problemFromError } from "@/lib/api/problem";
import { readJson } from "@/lib/api/read-json";
import { db } from "@/lib/db";
import { reportBatchSchema } from "@/lib/dataplane/report-schema";
import { authenticateIngest, throttleIngest, ThrottledError } from "@/lib/ingest/authenticate-ingest";
import { ingestRouterBatch } from "@/lib/ingest/ingest-router-batch";

export async function POST(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  try {
    const { key } = await authenticateIngest(request);
    const batch = await readJson(request, reportBatchSchema, 8 * 1024 * 1024);
    throttleIngest(key, batch.cells.length);
    const result = await ingestRouterBatch(db, batch);
    return json(result, result.status === "accepted" ? 201 : 200);
  } catch (error) {
    const res = problemFromError(error, requestId);
    if (error instanceof ThrottledError) res.headers.set("retry-after", String(error.retryAfterSeconds));
    return res;
  }
}
