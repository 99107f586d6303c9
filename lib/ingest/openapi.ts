// Ingest operations (routers' metrics, delayed outcomes) and the dashboard's chart series, for /api/v1/openapi.json.
import { registerOperations } from "@/lib/api/openapi";
import { EX } from "@/lib/api/examples";
import { LATENCY_BUCKET_BOUNDS_MS } from "@/lib/dataplane/latency-buckets";
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
    example: {
      routerId: EX.routerId,
      sequence: 4812,
      rolloutId: EX.rolloutId,
      system: "ticket-classifier",
      configVersion: 3,
      sentAt: EX.later,
      latencyBucketBoundsMs: [...LATENCY_BUCKET_BOUNDS_MS],
      cells: [
        {
          variant: "challenger",
          segment: "billing",
          bucketStart: "2026-12-03T09:52:30.000Z",
          requests: 41,
          errors: 0,
          latencySumMs: 1312.5,
          latencyBuckets: [0, 0, 0, 3, 22, 14, 2, 0, 0, 0, 0, 0, 0, 0],
          mirrored: 0,
          agreements: 0,
          predictions: { billing: 30, technical: 11 },
        },
      ],
    },
    permission: "metrics.ingest",
    responses: {
      "201": "Added to the rollups",
      "200": "Duplicate (already stored) or dropped",
      "429": "Throttled: see Retry-After",
    },
    responseExample: { status: "accepted", cells: 1 },
  },
  {
    method: "post",
    path: "/api/v1/ingest/outcomes",
    summary:
      "Delayed outcomes (label, reward, conversion, complaint, critical_error). The answer's x-switchyard-request-id alone attributes an outcome to the rollout and variant that served it, within the outcome retention (30 days by default); or give rolloutId with variant or unitKey, or system with unitKey and occurredAt. Idempotent by eventId; late events land in the 10 s bucket they happened in; outcomes of answers served outside any rollout are counted as unattributed; per-event rejections are listed.",
    tag: "ingest",
    body: outcomeBatchSchema,
    example: {
      events: [
        {
          eventId: "label-7c1e0a",
          requestId: `sy1:${EX.rolloutId}:challenger:1764755282000:k3j9a2-1f`,
          kind: "label",
          value: 1,
        },
      ],
    },
    permission: "metrics.ingest",
    status: 200,
    responses: { "200": "{ accepted, duplicates, unattributed, rejected[] }", "429": "Throttled: see Retry-After" },
    responseExample: { accepted: 1, duplicates: 0, unattributed: 0, rejected: [] },
  },
  {
    method: "get",
    path: "/api/rollouts/{rolloutId}/metrics",
    summary:
      "Chart series per variant (session): latency p50/p95/p99, error rate with intervals, accuracy, conversion, traffic share, step markers, thresholds, segments, shadow agreement, drift",
    tag: "analysis",
    permission: "rollouts.read",
    responseExample: { variants: ["champion", "challenger"], series: [], markers: [] },
  },
]);
