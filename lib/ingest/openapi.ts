// Ingest operations in the OpenAPI document.
import { registerOperations } from "@/lib/api/openapi";
import { reportBatchSchema } from "@/lib/dataplane/report-schema";
import { outcomeBatchSchema } from "./schemas";

registerOperations([
  {
    method: "post",
    path: "/api/v1/ingest/router",
    summary:
      "A router's metrics batch (per variant and segment: requests, errors, latency histogram, mirror agreement, predictions). Idempotent by (routerId, sequence); batches without a rollout are dropped. Bearer: the router token or an API token with metrics.ingest.",
    tag: "ingest",
    body: reportBatchSchema,
    permission: "metrics.ingest",
    responses: {
      "201": "Added to the rollups",
      "200": "Duplicate (already stored) or dropped",
      "429": "Throttled: see Retry-After",
    },
  },
  {
    method: "post",
    path: "/api/v1/ingest/outcomes",
    summary:
      "Delayed outcomes (label, reward, conversion, complaint, critical_error). The answer's x-switchyard-request-id alone attributes an outcome to the rollout and variant that served it, within the outcome retention (30 days by default); or give rolloutId with variant or unitKey, or system with unitKey and occurredAt. Idempotent by eventId; late events land in the 10 s bucket they happened in; outcomes of answers served outside any rollout are counted as unattributed; per-event rejections are listed.",
    tag: "ingest",
    body: outcomeBatchSchema,
    permission: "metrics.ingest",
    responses: { "200": "{ accepted, duplicates, unattributed, rejected[] }", "429": "Throttled: see Retry-After" },
  },
  {
    method: "get",
    path: "/api/rollouts/{rolloutId}/metrics",
    summary:
      "Chart series per variant (session): latency p50/p95/p99, error rate with intervals, accuracy, conversion, traffic share, step markers, thresholds, segments, shadow agreement, drift",
    tag: "analysis",
    permission: "rollouts.read",
  },
]);
