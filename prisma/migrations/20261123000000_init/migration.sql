-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'release_manager', 'approver', 'viewer', 'auditor');

-- CreateEnum
CREATE TYPE "CheckVerification" AS ENUM ('manual', 'offline_metrics', 'routers_healthy', 'rollback_plan', 'health_checks');

-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('pending', 'signed', 'verified', 'failed');

-- CreateEnum
CREATE TYPE "RollbackStatus" AS ENUM ('pending', 'executed', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('investigating', 'identified', 'monitoring', 'resolved');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('pass', 'fail', 'inconclusive');

-- CreateEnum
CREATE TYPE "VersionStatus" AS ENUM ('registered', 'serving', 'retired', 'blocked');

-- CreateEnum
CREATE TYPE "Strategy" AS ENUM ('direct', 'canary', 'blue_green', 'shadow', 'ab_test', 'feature_flag', 'champion_challenger', 'bandit');

-- CreateEnum
CREATE TYPE "RolloutStatus" AS ENUM ('draft', 'awaiting_approval', 'ready', 'progressing', 'paused', 'promoting', 'completed', 'aborted', 'rolled_back');

-- CreateEnum
CREATE TYPE "ExposurePhase" AS ENUM ('internal', 'alpha', 'beta', 'ga');

-- CreateEnum
CREATE TYPE "VariantRole" AS ENUM ('champion', 'challenger');

-- CreateEnum
CREATE TYPE "StepKind" AS ENUM ('set_weight', 'pause', 'analysis', 'set_phase', 'switch', 'mirror', 'experiment');

-- CreateEnum
CREATE TYPE "StepStatus" AS ENUM ('pending', 'running', 'completed', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "RouterType" AS ENUM ('builtin', 'haproxy', 'nginx', 'istio', 'gateway_api', 'smi', 'argo_rollouts', 'webhook');

-- CreateEnum
CREATE TYPE "RouterHealth" AS ENUM ('unknown', 'healthy', 'degraded', 'down');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('pending', 'applied', 'failed');

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "meta" JSONB,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "oidc_subject" TEXT,
    "last_login_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'release_manager',
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_templates" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "checklist_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_template_items" (
    "id" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "verification" "CheckVerification" NOT NULL DEFAULT 'manual',
    "position" INTEGER NOT NULL,

    CONSTRAINT "checklist_template_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_items" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "verification" "CheckVerification" NOT NULL DEFAULT 'manual',
    "position" INTEGER NOT NULL,
    "status" "CheckStatus" NOT NULL DEFAULT 'pending',
    "signed_by_id" TEXT,
    "signed_at" TIMESTAMP(3),
    "note" TEXT,
    "evidence_url" TEXT,
    "evidence" JSONB,

    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approvals" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "approver_id" TEXT NOT NULL,
    "plan_hash" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "voided_at" TIMESTAMP(3),

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollback_requests" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "reason" TEXT NOT NULL,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "status" "RollbackStatus" NOT NULL DEFAULT 'pending',
    "confirmed_by_id" TEXT,
    "confirmed_at" TIMESTAMP(3),
    "executed_at" TIMESTAMP(3),
    "weights_before" JSONB,
    "weights_after" JSONB,
    "reviewed_by_id" TEXT,
    "reviewed_at" TIMESTAMP(3),
    "review_note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollback_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "rollout_id" TEXT,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'minor',
    "status" "IncidentStatus" NOT NULL DEFAULT 'investigating',
    "root_cause" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_updates" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "message" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_records" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "from_version" TEXT NOT NULL,
    "to_version" TEXT NOT NULL,
    "strategy" "Strategy" NOT NULL,
    "stages" JSONB NOT NULL DEFAULT '[]',
    "timeline" JSONB NOT NULL DEFAULT '[]',
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "issues" JSONB NOT NULL DEFAULT '[]',
    "rollback_used" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT NOT NULL DEFAULT '',
    "outcome" TEXT,
    "started_at" TIMESTAMP(3),
    "frozen_at" TIMESTAMP(3),
    "digest" TEXT,
    "audit_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deployment_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_endpoints" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret_encrypted" TEXT,
    "events" TEXT[] NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_rollups" (
    "rollout_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '*',
    "bucket_start" TIMESTAMP(3) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT '0',
    "errors" BIGINT NOT NULL DEFAULT '0',
    "critical_errors" BIGINT NOT NULL DEFAULT '0',
    "latency_sum_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_buckets" BIGINT[] NOT NULL,
    "outcome_count" BIGINT NOT NULL DEFAULT '0',
    "outcome_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "outcome_sum_sq" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "labelled" BIGINT NOT NULL DEFAULT '0',
    "correct" BIGINT NOT NULL DEFAULT '0',
    "conversions" BIGINT NOT NULL DEFAULT '0',
    "complaints" BIGINT NOT NULL DEFAULT '0',
    "mirrored" BIGINT NOT NULL DEFAULT '0',
    "agreements" BIGINT NOT NULL DEFAULT '0',
    "predictions" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("rollout_id","variant","segment","bucket_start")
);

-- CreateTable
CREATE TABLE "outcome_events" (
    "event_id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '*',
    "kind" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "request_id" TEXT,
    "unit_key" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outcome_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "ingest_batches" (
    "router_id" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "events" INTEGER NOT NULL,

    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("router_id","sequence")
);

-- CreateTable
CREATE TABLE "analysis_runs" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "step_index" INTEGER,
    "gate" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "evidence" JSONB NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "window_end" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analysis_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "systems" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required_approvals" INTEGER NOT NULL DEFAULT 1,
    "champion_version_id" TEXT,
    "mirror_safe_routes" TEXT[] NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "checklist_template_id" TEXT,

    CONSTRAINT "systems_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slots" (
    "id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "upstream_url" TEXT NOT NULL,
    "version_id" TEXT,
    "warm_until" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "artifact_uri" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "pipeline_run_id" TEXT NOT NULL,
    "pipeline_run_url" TEXT,
    "source_commit" TEXT,
    "offline_metrics" JSONB NOT NULL DEFAULT '{}',
    "status" "VersionStatus" NOT NULL DEFAULT 'registered',
    "blocked_reason" TEXT,
    "registered_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollouts" (
    "id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "strategy" "Strategy" NOT NULL,
    "status" "RolloutStatus" NOT NULL DEFAULT 'draft',
    "exposure_phase" "ExposurePhase" NOT NULL DEFAULT 'internal',
    "author_id" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "gates" JSONB NOT NULL DEFAULT '[]',
    "plan_hash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "current_step_index" INTEGER NOT NULL DEFAULT 0,
    "step_started_at" TIMESTAMP(3),
    "desired_weights" JSONB NOT NULL DEFAULT '{}',
    "config_version" INTEGER NOT NULL DEFAULT 0,
    "in_sync" BOOLEAN NOT NULL DEFAULT true,
    "status_reason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "rollouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_variants" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "role" "VariantRole" NOT NULL,
    "version_id" TEXT NOT NULL,
    "slot_id" TEXT,
    "upstream_url" TEXT NOT NULL,

    CONSTRAINT "rollout_variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_steps" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "kind" "StepKind" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "status" "StepStatus" NOT NULL DEFAULT 'pending',
    "started_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "plan_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routers" (
    "id" TEXT NOT NULL,
    "system_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "RouterType" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secret_encrypted" TEXT,
    "desired_version" INTEGER NOT NULL DEFAULT 0,
    "applied_version" INTEGER NOT NULL DEFAULT 0,
    "desired_config" JSONB,
    "last_applied_at" TIMESTAMP(3),
    "health" "RouterHealth" NOT NULL DEFAULT 'unknown',
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),
    "last_checked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "routers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "weight_changes" (
    "id" TEXT NOT NULL,
    "rollout_id" TEXT NOT NULL,
    "config_version" INTEGER NOT NULL,
    "step_index" INTEGER,
    "weights" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "epoch" BIGINT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "weight_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "router_applications" (
    "id" TEXT NOT NULL,
    "weight_change_id" TEXT NOT NULL,
    "router_id" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "read_back" JSONB,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMP(3),
    "applied_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "router_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "controller_leases" (
    "name" TEXT NOT NULL,
    "holder_id" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL,
    "renewed_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "controller_leases_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_prefix_key" ON "api_tokens"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "checklist_templates_name_key" ON "checklist_templates"("name");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_rollout_id_approver_id_plan_hash_key" ON "approvals"("rollout_id", "approver_id", "plan_hash");

-- CreateIndex
CREATE UNIQUE INDEX "deployment_records_number_key" ON "deployment_records"("number");

-- CreateIndex
CREATE UNIQUE INDEX "deployment_records_rollout_id_key" ON "deployment_records"("rollout_id");

-- CreateIndex
CREATE INDEX "deployment_records_system_id_created_at_idx" ON "deployment_records"("system_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_endpoints_name_key" ON "notification_endpoints"("name");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_next_attempt_at_idx" ON "notification_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outcome_events_rollout_id_occurred_at_idx" ON "outcome_events"("rollout_id", "occurred_at");

-- CreateIndex
CREATE INDEX "analysis_runs_rollout_id_created_at_idx" ON "analysis_runs"("rollout_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "systems_slug_key" ON "systems"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "environments_system_id_name_key" ON "environments"("system_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "slots_environment_id_name_key" ON "slots"("environment_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "models_system_id_name_key" ON "models"("system_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_id_version_key" ON "model_versions"("model_id", "version");

-- CreateIndex
CREATE INDEX "rollouts_system_id_status_idx" ON "rollouts"("system_id", "status");

-- CreateIndex
CREATE INDEX "rollouts_status_idx" ON "rollouts"("status");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_variants_rollout_id_key_key" ON "rollout_variants"("rollout_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "plan_steps_rollout_id_index_key" ON "plan_steps"("rollout_id", "index");

-- CreateIndex
CREATE UNIQUE INDEX "routers_system_id_name_key" ON "routers"("system_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "weight_changes_rollout_id_config_version_key" ON "weight_changes"("rollout_id", "config_version");

-- CreateIndex
CREATE INDEX "router_applications_status_next_attempt_at_idx" ON "router_applications"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "router_applications_weight_change_id_router_id_key" ON "router_applications"("weight_change_id", "router_id");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_template_items" ADD CONSTRAINT "checklist_template_items_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "checklist_templates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_signed_by_id_fkey" FOREIGN KEY ("signed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollback_requests" ADD CONSTRAINT "rollback_requests_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollback_requests" ADD CONSTRAINT "rollback_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollback_requests" ADD CONSTRAINT "rollback_requests_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollback_requests" ADD CONSTRAINT "rollback_requests_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_updates" ADD CONSTRAINT "incident_updates_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_updates" ADD CONSTRAINT "incident_updates_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_records" ADD CONSTRAINT "deployment_records_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_records" ADD CONSTRAINT "deployment_records_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "notification_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outcome_events" ADD CONSTRAINT "outcome_events_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_runs" ADD CONSTRAINT "analysis_runs_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "systems" ADD CONSTRAINT "systems_champion_version_id_fkey" FOREIGN KEY ("champion_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "systems" ADD CONSTRAINT "systems_checklist_template_id_fkey" FOREIGN KEY ("checklist_template_id") REFERENCES "checklist_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slots" ADD CONSTRAINT "slots_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slots" ADD CONSTRAINT "slots_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "models" ADD CONSTRAINT "models_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_variants" ADD CONSTRAINT "rollout_variants_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_variants" ADD CONSTRAINT "rollout_variants_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_variants" ADD CONSTRAINT "rollout_variants_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "slots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_steps" ADD CONSTRAINT "plan_steps_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routers" ADD CONSTRAINT "routers_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "weight_changes" ADD CONSTRAINT "weight_changes_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "router_applications" ADD CONSTRAINT "router_applications_weight_change_id_fkey" FOREIGN KEY ("weight_change_id") REFERENCES "weight_changes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "router_applications" ADD CONSTRAINT "router_applications_router_id_fkey" FOREIGN KEY ("router_id") REFERENCES "routers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
