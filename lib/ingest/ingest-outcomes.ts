// Stores delayed outcomes (labels, rewards, conversions, complaints, critical errors) and adds
// them into the rollups of the 10 s bucket they happened in. Idempotent by event id: the raw
// insert skips known ids and only the rows actually inserted are added. No "server-only": the
// benchmark drives it with its own client.
import type { PrismaClient } from "@/lib/db/create-client";
import { bucketOf, layoutBuckets } from "@/lib/dataplane/assign";
import type { RouteVariant } from "@/lib/routers/types";
import type { ArmTotals } from "@/lib/analysis/window";
import { RollupDeltas } from "./rollup-delta";
import type { OutcomeEventInput } from "./schemas";
import { upsertRollups } from "./upsert-rollups";

export interface OutcomeIngestResult {
  accepted: number;
  duplicates: number;
  rejected: { eventId: string; reason: string }[];
}

interface Resolved {
  e: OutcomeEventInput;
  variant: string;
  segment: string;
  occurredAt: Date;
}

const INSERT_SQL = `
INSERT INTO outcome_events (event_id, rollout_id, variant, segment, kind, value, request_id, unit_key, occurred_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[], $9::timestamp[])
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id`;

export async function ingestOutcomes(db: PrismaClient, events: OutcomeEventInput[]): Promise<OutcomeIngestResult> {
  const rejected: OutcomeIngestResult["rejected"] = [];
  const unique = new Map<string, OutcomeEventInput>();
  let duplicates = 0;
  for (const e of events) {
    if (unique.has(e.eventId)) duplicates++;
    else unique.set(e.eventId, e);
  }
  const resolved = await resolveVariants(db, [...unique.values()], rejected);
  if (resolved.length === 0) return { accepted: 0, duplicates, rejected };

  return db.$transaction(async (tx) => {
    const col = <T>(f: (r: Resolved) => T) => resolved.map(f);
    const inserted = await tx.$queryRawUnsafe<{ event_id: string }[]>(
      INSERT_SQL,
      col((r) => r.e.eventId),
      col((r) => r.e.rolloutId),
      col((r) => r.variant),
      col((r) => r.segment),
      col((r) => r.e.kind),
      col((r) => r.e.value),
      col((r) => r.e.requestId ?? null),
      col((r) => r.e.unitKey ?? null),
      col((r) => r.occurredAt.toISOString()),
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    const deltas = new RollupDeltas();
    for (const r of resolved) {
      if (!fresh.has(r.e.eventId)) continue;
      deltas.add(r.e.rolloutId, r.variant, r.segment, r.occurredAt, outcomeDelta(r.e.kind, r.e.value));
    }
    await upsertRollups(tx, deltas.list());
    return { accepted: fresh.size, duplicates: duplicates + resolved.length - fresh.size, rejected };
  });
}

/** How one outcome changes its rollup row. */
export function outcomeDelta(kind: OutcomeEventInput["kind"], value: number): Partial<ArmTotals> {
  switch (kind) {
    case "label":
      return { labelled: 1, correct: value >= 0.5 ? 1 : 0 };
    case "reward":
      return { outcomeCount: 1, outcomeSum: value, outcomeSumSq: value * value };
    case "conversion":
      return { conversions: value > 0 ? 1 : 0 };
    case "complaint":
      return { complaints: 1 };
    case "critical_error":
      return { criticalErrors: 1 };
  }
}

/**
 * The variant of each event: as given (must be one of the rollout's), recomputed from the unit
 * key with the router's own assignment (hash(unit key, salt) → bucket → weights), or taken from an
 * earlier event of the same request id. Anything else is rejected, per event, with a reason.
 */
async function resolveVariants(db: PrismaClient, events: OutcomeEventInput[], rejected: OutcomeIngestResult["rejected"]): Promise<Resolved[]> {
  const ids = [...new Set(events.map((e) => e.rolloutId))];
  const rollouts = await db.rollout.findMany({
    where: { id: { in: ids } },
    select: { id: true, salt: true, desiredWeights: true, variants: { select: { key: true, role: true } } },
  });
  const byId = new Map(rollouts.map((r) => [r.id, r]));
  const layouts = new Map<string, Uint8Array>();
  const needRequest = events.filter((e) => !e.variant && !e.unitKey && e.requestId).map((e) => e.requestId!);
  const byRequest = new Map<string, string>();
  if (needRequest.length) {
    const known = await db.outcomeEvent.findMany({ where: { requestId: { in: needRequest } }, select: { requestId: true, rolloutId: true, variant: true } });
    for (const k of known) byRequest.set(`${k.rolloutId}\u0000${k.requestId}`, k.variant);
  }
  const out: Resolved[] = [];
  for (const e of events) {
    const rollout = byId.get(e.rolloutId);
    if (!rollout) {
      rejected.push({ eventId: e.eventId, reason: "unknown rollout" });
      continue;
    }
    let variant = e.variant;
    if (!variant && e.unitKey) {
      let layout = layouts.get(rollout.id);
      if (!layout) {
        const variants: RouteVariant[] = rollout.variants.map((v) => ({ key: v.key, role: v.role, upstream: "", version: "" }));
        layout = layoutBuckets({ variants, weights: (rollout.desiredWeights ?? {}) as Record<string, number> });
        layouts.set(rollout.id, layout);
      }
      variant = rollout.variants[layout[bucketOf(e.unitKey, rollout.salt)]]?.key;
    }
    if (!variant && e.requestId) variant = byRequest.get(`${rollout.id}\u0000${e.requestId}`);
    if (!variant) {
      rejected.push({ eventId: e.eventId, reason: "variant unknown: send variant or unitKey (requestId only works after an event that named the variant)" });
      continue;
    }
    if (!rollout.variants.some((v) => v.key === variant)) {
      rejected.push({ eventId: e.eventId, reason: `"${variant}" is not a variant of this rollout` });
      continue;
    }
    const segment = e.segment && e.segment.length ? e.segment : "*";
    out.push({ e, variant, segment, occurredAt: new Date(e.occurredAt) });
  }
  return out;
}
