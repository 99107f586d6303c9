// Pure: turns a system with its rollouts and incidents into the public status shape.
import { isActive } from "@/lib/rollouts/state-machine";
import type { RolloutStatus } from "@/lib/strategies/plan";

export interface PublicSystemStatus {
  slug: string;
  name: string;
  status: "operational" | "rollout_in_progress" | "degraded" | "incident";
  serving: string | null;
  rollout: null | {
    name: string;
    strategy: string;
    status: string;
    from: string | null;
    to: string[];
    exposurePercent: number;
    phase: string;
    startedAt: string | null;
  };
  incidents: {
    id: string;
    title: string;
    severity: string;
    status: string;
    createdAt: string;
    resolvedAt: string | null;
    updates: { status: string; message: string; at: string }[];
  }[];
  history: {
    name: string;
    strategy: string;
    outcome: string;
    from: string | null;
    to: string[];
    endedAt: string | null;
  }[];
}

interface SystemInput {
  slug: string;
  name: string;
  championVersion: { version: string; model: { name: string } } | null;
  rollouts: {
    name: string;
    strategy: string;
    status: RolloutStatus;
    exposurePhase: string;
    desiredWeights: unknown;
    startedAt: Date | null;
    endedAt: Date | null;
    variants: { key: string; role: string; version: { version: string } }[];
  }[];
  incidents: {
    id: string;
    title: string;
    severity: string;
    status: string;
    createdAt: Date;
    resolvedAt: Date | null;
    updates: { status: string; message: string; createdAt: Date }[];
  }[];
}

export function deriveSystemStatus(s: SystemInput): PublicSystemStatus {
  const active = s.rollouts.find((r) => isActive(r.status));
  const openIncidents = s.incidents.filter((i) => i.status !== "resolved");
  const weights = (active?.desiredWeights ?? {}) as Record<string, number>;
  const versions = (r: SystemInput["rollouts"][number]) => ({
    from: r.variants.find((v) => v.role === "champion")?.version.version ?? null,
    to: r.variants.filter((v) => v.role === "challenger").map((v) => v.version.version),
  });
  const status: PublicSystemStatus["status"] = openIncidents.some(
    (i) => i.severity === "major" || i.severity === "critical",
  )
    ? "incident"
    : openIncidents.length
      ? "degraded"
      : active
        ? "rollout_in_progress"
        : "operational";
  return {
    slug: s.slug,
    name: s.name,
    status,
    serving: s.championVersion ? `${s.championVersion.model.name} ${s.championVersion.version}` : null,
    rollout: active
      ? {
          name: active.name,
          strategy: active.strategy,
          status: active.status,
          ...versions(active),
          exposurePercent:
            active.strategy === "shadow"
              ? 0
              : active.variants.filter((v) => v.role === "challenger").reduce((n, v) => n + (weights[v.key] ?? 0), 0) /
                100,
          phase: active.exposurePhase,
          startedAt: active.startedAt?.toISOString() ?? null,
        }
      : null,
    incidents: s.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      createdAt: i.createdAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      updates: i.updates.map((u) => ({ status: u.status, message: u.message, at: u.createdAt.toISOString() })),
    })),
    history: s.rollouts
      .filter((r) => !isActive(r.status) && r.endedAt)
      .slice(0, 10)
      .map((r) => ({
        name: r.name,
        strategy: r.strategy,
        outcome: r.status,
        ...versions(r),
        endedAt: r.endedAt?.toISOString() ?? null,
      })),
  };
}
