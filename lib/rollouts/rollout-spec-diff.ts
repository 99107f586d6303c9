// Pure: what `switchyard diff` shows. A rollout (stored, or as a spec would make it) is reduced to
// the fields a spec controls, in the spec's own units, and two such views are compared field by
// field: plan steps by position, config by key, gates by name.
import { canonicalJson } from "./plan-hash";
import { toSpecStep } from "./rollout-spec";
import type { PlanStepInput } from "./schemas";

export interface RolloutView {
  description: string;
  strategy: string;
  /** "ticket-router 1.6.0 → http://10.0.3.12:8000" per challenger, in order. */
  challengers: string[];
  plan: unknown[];
  config: Record<string, unknown>;
  gates: Record<string, unknown>;
  requiredApprovals: number;
}

export interface SpecChange {
  /** What changes, in the spec's words: "plan[2]", "config.stages", "gates.latency-p95". */
  field: string;
  op: "add" | "remove" | "change";
  before?: unknown;
  after?: unknown;
}

export function rolloutView(r: {
  description: string;
  strategy: string;
  challengers: { model: string; version: string; upstreamUrl: string }[];
  steps: PlanStepInput[];
  config: unknown;
  gates: unknown;
  requiredApprovals: number;
}): RolloutView {
  const gates = Array.isArray(r.gates) ? (r.gates as { name?: string }[]) : [];
  return {
    description: r.description,
    strategy: r.strategy,
    challengers: r.challengers.map((c) => `${c.model} ${c.version} → ${c.upstreamUrl}`),
    plan: r.steps.map(toSpecStep),
    config: (r.config ?? {}) as Record<string, unknown>,
    gates: Object.fromEntries(gates.map((g, i) => [g.name ?? `#${i + 1}`, g])),
    requiredApprovals: r.requiredApprovals,
  };
}

/** Field-level changes from `before` to `after`; before null = everything is new. */
export function diffRolloutViews(before: RolloutView | null, after: RolloutView): SpecChange[] {
  const changes: SpecChange[] = [];
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const scalar = (field: string, a: unknown, b: unknown) => {
    if (before === null) changes.push({ field, op: "add", after: b });
    else if (!same(a, b)) changes.push({ field, op: "change", before: a, after: b });
  };
  scalar("description", before?.description, after.description);
  scalar("strategy", before?.strategy, after.strategy);
  scalar("challengers", before?.challengers, after.challengers);
  const steps = Math.max(before?.plan.length ?? 0, after.plan.length);
  for (let i = 0; i < steps; i++) keyed(changes, `plan[${i}]`, before?.plan[i], after.plan[i], same);
  for (const key of union(before?.config, after.config))
    keyed(changes, `config.${key}`, before?.config[key], after.config[key], same);
  for (const name of union(before?.gates, after.gates))
    keyed(changes, `gates.${name}`, before?.gates[name], after.gates[name], same);
  scalar("approvals.required", before?.requiredApprovals, after.requiredApprovals);
  return changes;
}

function keyed(out: SpecChange[], field: string, a: unknown, b: unknown, same: (a: unknown, b: unknown) => boolean) {
  if (a === undefined && b !== undefined) out.push({ field, op: "add", after: b });
  else if (a !== undefined && b === undefined) out.push({ field, op: "remove", before: a });
  else if (a !== undefined && !same(a, b)) out.push({ field, op: "change", before: a, after: b });
}

function union(a: Record<string, unknown> | undefined, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b)])].sort();
}
