-- Outcomes that name only a request id take the variant of an earlier event of that request:
-- without an index that lookup read the whole table on every such batch. Partial: events
-- without a request id (most of them) cost nothing more at ingest.
CREATE INDEX "outcome_events_request_id_idx" ON "outcome_events"("request_id") WHERE "request_id" IS NOT NULL;
