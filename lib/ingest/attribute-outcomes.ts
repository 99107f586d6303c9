// Which rollout and variant an outcome belongs to. The consumer of a model learns the truth later
// (a label, a conversion, a reward) and knows its request, not the rollout: the router's request
// id names the rollout, the variant and the serve time, so it is enough on its own, however late
// the outcome comes (within OUTCOME_RETENTION). A unit key and a time work too, for the built-in
// router's weights: the rollout live on the system then, and the weights in force then (from the
// weight-change history, not today's weights). No "server-only": the benchmark drives it.
import type { PrismaClient } from "@/lib/db/create-client";
import { bucketOf, layoutBuckets } from "@/lib/dataplane/assign";
import { parseRequestId } from "@/lib/dataplane/request-id";
import type { RouteVariant, Weights } from "@/lib/routers/types";
import type { OutcomeEventInput } from "./schemas";

/** How long after serving an answer its outcome is still attributed by request id or unit key. */
export function outcomeRetentionMs(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.SWITCHYARD_OUTCOME_RETENTION_DAYS ?? 30);
  return (Number.isFinite(days) && days > 0 ? days : 30) * 86_400_000;
}
/** An answer served later than this into the future is a clock or a forgery, not a late label. */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface AttributionRollout {
  id: string;
  salt: string;
  systemSlug: string;
  startedAt: Date | null;
  endedAt: Date | null;
  variants: { key: string; role: "champion" | "challenger" }[];
  /** Weight changes, oldest first, each from the moment a router first served it. */
  weightHistory: { from: Date; weights: Weights }[];
}

export interface AttributionContext {
  rollouts: Map<string, AttributionRollout>;
  /** Rollouts of a system (by slug) that served anything, for unit key + time without a rollout id. */
  bySystem: Map<string, AttributionRollout[]>;
  /** `${rolloutId}\0${requestId}` → variant of an earlier event of that (caller's own) request id. */
  earlier: Map<string, string>;
  now: Date;
  retentionMs: number;
}

export type Attribution =
  | { kind: "attributed"; rolloutId: string; variant: string; occurredAt: string }
  | { kind: "unattributed"; why: string }
  | { kind: "rejected"; reason: string };

/**
 * Pure. Order: the router's request id (authoritative: it was written when the answer was served);
 * then an explicit rollout and variant; then the unit key at the time it happened; then an
 * earlier event of the same caller-chosen request id. An answer served outside any rollout is
 * "unattributed" (nothing to compare it with), which is not the caller's mistake.
 */
export function attributeOutcome(e: OutcomeEventInput, ctx: AttributionContext): Attribution {
  const id = e.requestId ? parseRequestId(e.requestId) : null;
  if (id) {
    if (!id.rolloutId) return { kind: "unattributed", why: "served when no rollout was running" };
    if (e.rolloutId && e.rolloutId !== id.rolloutId)
      return { kind: "rejected", reason: `the request id names rollout ${id.rolloutId}, not ${e.rolloutId}` };
    if (e.variant && e.variant !== id.variant)
      return { kind: "rejected", reason: `the request id says ${id.variant} served it, not ${e.variant}` };
    const rollout = ctx.rollouts.get(id.rolloutId);
    if (!rollout) return { kind: "rejected", reason: "unknown rollout" };
    const late = tooLateOrEarly(id.servedAt, ctx);
    if (late) return { kind: "rejected", reason: late };
    return known(rollout, id.variant, e.occurredAt ?? id.servedAt.toISOString());
  }
  if (e.rolloutId && e.variant) {
    const rollout = ctx.rollouts.get(e.rolloutId);
    if (!rollout) return { kind: "rejected", reason: "unknown rollout" };
    if (!e.occurredAt)
      return { kind: "rejected", reason: "occurredAt is required unless a router request id is given" };
    return known(rollout, e.variant, e.occurredAt);
  }
  if (e.unitKey && (e.rolloutId || e.system)) {
    if (!e.occurredAt) return { kind: "rejected", reason: "occurredAt is required with unitKey" };
    const at = new Date(e.occurredAt);
    const late = tooLateOrEarly(at, ctx);
    if (late) return { kind: "rejected", reason: late };
    const rollout = e.rolloutId
      ? ctx.rollouts.get(e.rolloutId)
      : ctx.bySystem.get(e.system!)?.find((r) => servedAt(r, at));
    if (!rollout)
      return e.rolloutId
        ? { kind: "rejected", reason: "unknown rollout" }
        : { kind: "unattributed", why: `no rollout was running on ${e.system} then` };
    const weights = weightsAt(rollout, at);
    if (!weights) return { kind: "rejected", reason: "the rollout served no traffic at that time" };
    const variant = variantOf(rollout, weights, e.unitKey);
    return variant
      ? known(rollout, variant, e.occurredAt)
      : { kind: "rejected", reason: "no variant owns this unit key's bucket" };
  }
  if (e.rolloutId && e.requestId) {
    const rollout = ctx.rollouts.get(e.rolloutId);
    if (!rollout) return { kind: "rejected", reason: "unknown rollout" };
    const variant = ctx.earlier.get(`${rollout.id}\u0000${e.requestId}`);
    if (!variant)
      return {
        kind: "rejected",
        reason:
          "variant unknown: send the router's x-switchyard-request-id, or variant, or unitKey (your own requestId only works after an event that named the variant)",
      };
    if (!e.occurredAt)
      return { kind: "rejected", reason: "occurredAt is required unless a router request id is given" };
    return known(rollout, variant, e.occurredAt);
  }
  return {
    kind: "rejected",
    reason: "can't tell who served it: send the router's x-switchyard-request-id, or rolloutId with variant or unitKey",
  };
}

/** The weights a router served at `at`: the last change first served at or before then. */
export function weightsAt(rollout: Pick<AttributionRollout, "weightHistory">, at: Date): Weights | null {
  let found: Weights | null = null;
  for (const w of rollout.weightHistory) {
    if (w.from.getTime() <= at.getTime()) found = w.weights;
    else break;
  }
  return found;
}

/** The built-in router's assignment (hash(unit key, salt) → bucket → variant) under `weights`. */
function variantOf(rollout: AttributionRollout, weights: Weights, unitKey: string): string | undefined {
  const variants: RouteVariant[] = rollout.variants.map((v) => ({ ...v, upstream: "", version: "" }));
  const table = layoutBuckets({ variants, weights });
  return variants[table[bucketOf(unitKey, rollout.salt)]]?.key;
}

function known(rollout: AttributionRollout, variant: string, occurredAt: string): Attribution {
  if (!rollout.variants.some((v) => v.key === variant))
    return { kind: "rejected", reason: `"${variant}" is not a variant of this rollout` };
  return { kind: "attributed", rolloutId: rollout.id, variant, occurredAt };
}

function servedAt(r: AttributionRollout, at: Date): boolean {
  return !!r.startedAt && r.startedAt <= at && (!r.endedAt || r.endedAt >= at);
}

function tooLateOrEarly(at: Date, ctx: AttributionContext): string | null {
  const age = ctx.now.getTime() - at.getTime();
  if (age > ctx.retentionMs)
    return `served ${Math.floor(age / 86_400_000)} days ago: outcomes are attributed for ${Math.round(ctx.retentionMs / 86_400_000)} days`;
  if (age < -FUTURE_SLACK_MS) return "served in the future: check the clock of whoever sent it";
  return null;
}

/** Everything attributeOutcome needs for one batch, in four queries at most. */
export async function loadAttributionContext(
  db: PrismaClient,
  events: OutcomeEventInput[],
  now = new Date(),
): Promise<AttributionContext> {
  const ids = new Set<string>();
  const systems = new Set<string>();
  const ownRequestIds = new Set<string>();
  let needHistory = false;
  for (const e of events) {
    const parsed = e.requestId ? parseRequestId(e.requestId) : null;
    if (parsed?.rolloutId) ids.add(parsed.rolloutId);
    else if (!parsed && e.rolloutId) ids.add(e.rolloutId);
    if (!parsed && e.unitKey && !e.variant) {
      needHistory = true;
      if (!e.rolloutId && e.system) systems.add(e.system);
    }
    if (!parsed && e.requestId && e.rolloutId && !e.variant && !e.unitKey) ownRequestIds.add(e.requestId);
  }
  const rows = await db.rollout.findMany({
    where: {
      OR: [
        { id: { in: [...ids] } },
        ...(systems.size ? [{ system: { slug: { in: [...systems] } }, startedAt: { not: null } }] : []),
      ],
    },
    select: {
      id: true,
      salt: true,
      startedAt: true,
      endedAt: true,
      system: { select: { slug: true } },
      variants: { select: { key: true, role: true } },
      weightChanges: {
        // Only unit-key attribution needs the history.
        take: needHistory ? undefined : 0,
        orderBy: { configVersion: "asc" },
        select: { weights: true, createdAt: true, applications: { select: { appliedAt: true } } },
      },
    },
  });
  const rollouts = new Map<string, AttributionRollout>();
  const bySystem = new Map<string, AttributionRollout[]>();
  for (const r of rows) {
    const rollout: AttributionRollout = {
      id: r.id,
      salt: r.salt,
      systemSlug: r.system.slug,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      variants: r.variants,
      weightHistory: r.weightChanges
        .map((c) => ({ from: firstServed(c), weights: c.weights as Weights }))
        .sort((a, b) => a.from.getTime() - b.from.getTime()),
    };
    rollouts.set(r.id, rollout);
    const list = bySystem.get(rollout.systemSlug) ?? [];
    list.push(rollout);
    bySystem.set(rollout.systemSlug, list);
  }
  const earlier = new Map<string, string>();
  if (ownRequestIds.size) {
    const known = await db.outcomeEvent.findMany({
      where: { requestId: { in: [...ownRequestIds] } },
      select: { requestId: true, rolloutId: true, variant: true },
    });
    for (const k of known) earlier.set(`${k.rolloutId}\u0000${k.requestId}`, k.variant);
  }
  return { rollouts, bySystem, earlier, now, retentionMs: outcomeRetentionMs() };
}

interface WeightChangeRow {
  weights: unknown;
  createdAt: Date;
  applications: { appliedAt: Date | null }[];
}

/** When a router first served a weight change (its creation time while no router confirmed it). */
function firstServed(c: WeightChangeRow): Date {
  let first: Date | null = null;
  for (const a of c.applications) if (a.appliedAt && (!first || a.appliedAt < first)) first = a.appliedAt;
  return first ?? c.createdAt;
}
