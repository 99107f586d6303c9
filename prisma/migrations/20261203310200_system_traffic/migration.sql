-- What a system's routers served, with or without a rollout: after a rollback the routers serve
-- the champion alone (no rollout), and verifying recovery needs that traffic; the system's
-- observed request rate comes from it too.
CREATE TABLE "system_traffic" (
    "system_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "latency_buckets" BIGINT[] NOT NULL,

    CONSTRAINT "system_traffic_pkey" PRIMARY KEY ("system_id","variant","bucket_start")
);

ALTER TABLE "system_traffic" ADD CONSTRAINT "system_traffic_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;
