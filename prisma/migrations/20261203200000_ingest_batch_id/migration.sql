-- Router metric batches are known by their own id (batchId, a UUID the router gives each batch and
-- keeps through retries and restarts), not by (router_id, sequence): a router whose data directory
-- was lost starts its sequence again, and its new batches must not be taken for resends. Batches from
-- routers that send no id keep the old key, written as "<router_id>:<sequence>". dropped_batches is
-- the router's own count of batches it had to drop (spool full), as reported with the batch.
ALTER TABLE "ingest_batches" ADD COLUMN "batch_id" TEXT;
UPDATE "ingest_batches" SET "batch_id" = "router_id" || ':' || "sequence";
ALTER TABLE "ingest_batches" ALTER COLUMN "batch_id" SET NOT NULL;
ALTER TABLE "ingest_batches" DROP CONSTRAINT "ingest_batches_pkey";
ALTER TABLE "ingest_batches" ADD CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("batch_id");
ALTER TABLE "ingest_batches" ADD COLUMN "dropped_batches" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "ingest_batches_router_id_sequence_idx" ON "ingest_batches" ("router_id", "sequence");
