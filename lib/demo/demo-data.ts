// The demo accounts, token and systems the start command seeds and prints (also in README).
import type { Role } from "../permissions";
import type { RolloutTemplateInput } from "../rollouts/rollout-template";

export const DEMO_PASSWORD = "switchyard-demo";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@switchyard.local", name: "Ada Admin", role: "admin" },
  { email: "release@switchyard.local", name: "Rick Release", role: "release_manager" },
  { email: "release2@switchyard.local", name: "Rosa Release", role: "release_manager" },
  { email: "approver@switchyard.local", name: "Alan Approver", role: "approver" },
  { email: "approver2@switchyard.local", name: "Amy Approver", role: "approver" },
  { email: "viewer@switchyard.local", name: "Val Viewer", role: "viewer" },
  { email: "auditor@switchyard.local", name: "Aud Auditor", role: "auditor" },
];

/** A fixed demo token so README can show curl examples. Never use it outside a demo. */
export const DEMO_API_TOKEN = "sy_de30de30_demo-pipeline-token-not-for-production";

export const DEMO_PORTS = {
  web: 3000,
  championServer: 7101,
  challengerServer: 7102,
  /** 1.5.0-rc1, a release candidate that fails a fifth of its requests: the rollback story. */
  faultyServer: 7103,
  routerData: 8080,
  routerAdmin: 7201,
};

/** Demo ports shifted by SWITCHYARD_PORT_OFFSET, so an end-to-end run can live beside a dev one. */
export function demoPorts(env: NodeJS.ProcessEnv = process.env): typeof DEMO_PORTS {
  const offset = Number(env.SWITCHYARD_PORT_OFFSET ?? 0);
  const shifted = Object.fromEntries(Object.entries(DEMO_PORTS).map(([k, v]) => [k, v + offset])) as typeof DEMO_PORTS;
  if (env.PORT) shifted.web = Number(env.PORT);
  return shifted;
}

export type CheckVerificationKind = "offline_metrics" | "routers_healthy" | "rollback_plan" | "health_checks";

/** Seed 003's pre-deployment checklist. */
export const DEFAULT_CHECKLIST: {
  section: string;
  items: { label: string; required?: boolean; verification?: CheckVerificationKind }[];
}[] = [
  {
    section: "Model validation",
    items: [
      { label: "Offline metrics meet thresholds", verification: "offline_metrics" },
      { label: "Model size appropriate for serving" },
      { label: "Latency requirements validated" },
      { label: "Bias and fairness checks passed" },
      { label: "Security scanning completed" },
      { label: "Input validation tested" },
    ],
  },
  {
    section: "Infrastructure",
    items: [
      { label: "Resource limits configured" },
      { label: "Auto-scaling policies set", required: false },
      { label: "Health checks implemented", verification: "health_checks" },
      { label: "Routers healthy and in sync", verification: "routers_healthy" },
      { label: "Monitoring dashboards ready" },
      { label: "Alerting rules configured" },
      { label: "Rollback plan documented", verification: "rollback_plan" },
    ],
  },
  {
    section: "Observability",
    items: [
      { label: "Metrics collection enabled" },
      { label: "Logging properly configured" },
      { label: "Distributed tracing setup", required: false },
      { label: "Error tracking integrated" },
      { label: "Performance profiling ready", required: false },
      { label: "Cost tracking enabled", required: false },
    ],
  },
  {
    section: "Process",
    items: [
      { label: "Change request approved" },
      { label: "Stakeholders notified" },
      { label: "Deployment window scheduled" },
      { label: "Runbook updated" },
      { label: "On-call rotation set" },
      { label: "Communication plan ready" },
    ],
  },
];

/**
 * The demo system's rollout template: the product's defaults are sized for production traffic (an
 * hour of internal testing, 1 % first, 500+ samples per gate), which on the demo's ~40 requests a
 * second would take hours. The demo's plans tell the story in minutes instead: 30 s of internal
 * testing, then 25 %, 50 %, 100 %, and gates sized for what the demo's traffic brings in a
 * minute. What a newcomer sees in the wizard on the demo is this template; see docs/tour.md.
 */
export const DEMO_ROLLOUT_TEMPLATE = {
  strategies: {
    canary: { internalSeconds: 30, stages: [2_500, 5_000, 10_000] },
    blue_green: { warmSeconds: 60 },
    ab_test: { durationSeconds: 120, sampleSizePerArm: 400 },
    bandit: { reallocationIntervalSeconds: 30, durationSeconds: 180, minSamplesPerArm: 100 },
    shadow: { minSamples: 300 },
  },
  gates: [
    {
      name: "error-rate",
      metric: "error_rate",
      threshold: 0.05,
      passMargin: 0.5,
      absoluteFloor: 0.03,
      minSamples: 150,
      description: "Error rate more than 5 % above the champion's (and 3 points)",
    },
    {
      name: "latency-p95",
      metric: "latency_p95",
      threshold: 0.5,
      absoluteFloor: 25,
      minSamples: 150,
      description: "p95 latency more than 50 % (and 25 ms) above the champion's",
    },
    {
      name: "accuracy",
      metric: "accuracy",
      threshold: 0.1,
      passMargin: 0.2,
      minSamples: 150,
      description: "Accuracy more than 10 % below the champion's",
    },
    { name: "critical-errors", metric: "critical_errors", max: 0, description: "Any critical error" },
    {
      name: "complaints",
      metric: "complaints",
      max: 10,
      withinSeconds: 3_600,
      description: "More than 10 complaints in the first hour",
    },
  ],
} satisfies RolloutTemplateInput;
