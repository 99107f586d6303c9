// The JSON shapes the CLI reads from /api/v1 (as they arrive: dates are ISO strings).

export interface ApiRollout {
  id: string;
  name: string;
  description: string;
  strategy: string;
  status: string;
  phase: string;
  statusReason: string | null;
  revision: number;
  planHash: string;
  allowedCommands: string[];
  system: { id: string; slug: string; name: string };
  author: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  currentStepIndex: number;
  stepStartedAt: string | null;
  desiredWeights: Record<string, number>;
  inSync: boolean;
  trafficPath?: unknown;
  config?: Record<string, unknown>;
  variants: { key: string; role: string; version: string; model: string; versionId: string; upstreamUrl?: string }[];
  steps: { index: number; kind: string; params: Record<string, unknown>; status: string; note?: string | null }[];
  routers: {
    id: string;
    name: string;
    type: string;
    health: string;
    desiredVersion: number;
    appliedVersion: number;
    inSync: boolean;
    servedWeights: Record<string, number> | null;
    lastError: string | null;
  }[];
}

export interface ApiRolloutRow {
  id: string;
  name: string;
  system: string;
  strategy: string;
  status: string;
  desiredWeights: Record<string, number>;
  inSync: boolean;
  author: string;
  createdAt: string;
  variants: { key: string; role: string; version: string }[];
}

export interface GateVerdict {
  gate: string;
  verdict: "pass" | "fail" | "inconclusive";
  reason: string | null;
  at: string;
}

export interface ChecklistItem {
  id: string;
  section: string;
  label: string;
  required: boolean;
  verification: string;
  status: string;
  signedBy: string | null;
}

export interface Governance {
  rollout: { id: string; name: string; status: string; planHash: string; author: { id: string; name: string } };
  checklist: ChecklistItem[];
  approvals: { id: string; approver: { id: string; name: string }; planHash: string; state: string }[];
  validApprovals: number;
  requiredApprovals: number;
  blockers: string[];
  open: boolean;
}

export interface RollbackRequest {
  id: string;
  rolloutId: string;
  status: string;
  reason: string;
  breakGlass: boolean;
  requestedBy: { id: string; name?: string } | null;
  confirmedBy: { id: string; name?: string } | null;
  createdAt: string;
  weightsBefore: Record<string, number> | null;
  weightsAfter: Record<string, number> | null;
}

export interface SpecChange {
  field: string;
  op: "add" | "remove" | "change";
  before?: unknown;
  after?: unknown;
}

export interface ApplyResult {
  action: "created" | "updated" | "unchanged" | "create" | "update";
  specHash: string;
  rollout: { id: string; name: string; status: string; planHash: string } | null;
  changes: SpecChange[];
  voidedApprovals: number;
}
