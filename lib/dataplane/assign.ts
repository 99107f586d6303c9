import { TOTAL_BASIS_POINTS, type RoutingConfig, type TargetingCondition } from "@/lib/routers/types";
import { murmur3 } from "./hash";
import { compileTargetingRegex, type TargetingRegex } from "./targeting-regex";

// Deterministic, sticky assignment of a request to a variant. Pure: no I/O, no clock; the only
// randomness is the caller-supplied fallback for requests without a unit key.
//
// Precedence: kill switch (champion, nothing else consulted) → override header naming a known
// variant → first matching targeting rule (its percentage applied on a rule-specific hash) →
// weights via the bucket table.
//
// Bucket layout rule (documented contract, see layoutBuckets):
//  - bucket = murmur3_32(utf8(unitKey + ":" + salt)) mod 10 000.
//  - Challengers, in config.variants order, own "lanes" of floor(10 000 / k) buckets (the last lane
//    takes the remainder), k = number of challengers. Challenger i fills its lane from the lane's
//    start upward, so with one challenger it owns [0, w) and the champion holds the top [w, 10 000).
//  - While every challenger's weight fits its lane, an arm's range depends only on its own weight:
//    raising or lowering one arm moves units only between that arm and the champion.
//  - Weight beyond a lane ("overflow") is taken from the free buckets from 9 999 downward, in
//    challenger order. Only overflowing arms can disturb each other; the champion keeps the rest.
//  - Adding/removing a challenger re-lays the lanes: start such a change with a new salt.

export interface RequestView {
  /** Lower-case header name → first value. */
  header(name: string): string | undefined;
  cookie(name: string): string | undefined;
  query(name: string): string | undefined;
  path(): string;
}

export interface CompiledRouting {
  config: RoutingConfig;
  /** variant keys, champion first is NOT guaranteed: index = position in config.variants. */
  keys: string[];
  championIndex: number;
  /** bucket → variant index. */
  table: Uint8Array;
  byKey: Map<string, number>;
  rules: CompiledRule[];
  stickyHeader: string | undefined;
  stickyCookie: string | undefined;
  overrideHeader: string;
}

interface CompiledRule {
  id: string;
  variantIndex: number;
  percentage: number;
  conditions: {
    kind: "header" | "cookie" | "query" | "path";
    name: string;
    test: (v: string | undefined) => boolean;
  }[];
}

export type AssignReason = "kill_switch" | "override" | "rule" | "weights";

/** bucket in [0, 10 000) for a unit key under a salt. */
export function bucketOf(unitKey: string, salt: string): number {
  return murmur3(unitKey + ":" + salt) % TOTAL_BASIS_POINTS;
}

/**
 * Maps variant weights to a bucket → variant table following the lane rule above.
 * Invariant: the number of buckets of each variant equals its weight (weights sum to 10 000).
 */
export function layoutBuckets(config: Pick<RoutingConfig, "variants" | "weights">): Uint8Array {
  const championIndex = config.variants.findIndex((v) => v.role === "champion");
  if (championIndex < 0) throw new Error("config has no champion");
  const table = new Uint8Array(TOTAL_BASIS_POINTS).fill(championIndex);
  const challengers = config.variants.map((v, i) => ({ v, i })).filter(({ v }) => v.role === "challenger");
  const k = challengers.length;
  if (k === 0) return table;
  const lane = Math.floor(TOTAL_BASIS_POINTS / k);
  const taken = new Uint8Array(TOTAL_BASIS_POINTS);
  const overflow: { index: number; rest: number }[] = [];
  challengers.forEach(({ v, i }, n) => {
    const start = n * lane;
    const size = n === k - 1 ? TOTAL_BASIS_POINTS - start : lane;
    const w = Math.max(0, Math.min(TOTAL_BASIS_POINTS, config.weights[v.key] ?? 0));
    const inLane = Math.min(w, size);
    for (let b = start; b < start + inLane; b++) {
      table[b] = i;
      taken[b] = 1;
    }
    if (w > inLane) overflow.push({ index: i, rest: w - inLane });
  });
  let cursor = TOTAL_BASIS_POINTS - 1;
  for (const o of overflow) {
    while (o.rest > 0 && cursor >= 0) {
      if (!taken[cursor]) {
        table[cursor] = o.index;
        taken[cursor] = 1;
        o.rest--;
      }
      cursor--;
    }
  }
  return table;
}

/** Precomputes everything the hot path needs from a validated config. */
export function compileRouting(config: RoutingConfig): CompiledRouting {
  const keys = config.variants.map((v) => v.key);
  const byKey = new Map(keys.map((k, i) => [k, i]));
  return {
    config,
    keys,
    championIndex: config.variants.findIndex((v) => v.role === "champion"),
    table: layoutBuckets(config),
    byKey,
    rules: config.rules.map((r) => ({
      id: r.id,
      variantIndex: byKey.get(r.variant) ?? -1,
      percentage: r.percentage ?? TOTAL_BASIS_POINTS,
      conditions: r.conditions.map(compileCondition),
    })),
    stickyHeader: config.stickiness.header?.toLowerCase(),
    stickyCookie: config.stickiness.cookie,
    overrideHeader: config.overrideHeader.toLowerCase(),
  };
}

/** The unit key of a request: sticky header first, then cookie; undefined when neither is set. */
export function unitKeyOf(c: CompiledRouting, req: RequestView): string | undefined {
  if (c.stickyHeader) {
    const v = req.header(c.stickyHeader);
    if (v) return v;
  }
  if (c.stickyCookie) {
    const v = req.cookie(c.stickyCookie);
    if (v) return v;
  }
  return undefined;
}

/**
 * Picks the variant index for one request. `random` in [0, 1) is used only when the request
 * has no unit key (then assignment is per request, not sticky).
 */
export function assignVariant(
  c: CompiledRouting,
  req: RequestView,
  random: () => number = Math.random,
): { index: number; reason: AssignReason; unitKey: string | undefined } {
  const unitKey = unitKeyOf(c, req);
  if (c.config.killSwitch) return { index: c.championIndex, reason: "kill_switch", unitKey };
  const override = req.header(c.overrideHeader);
  if (override !== undefined) {
    const i = c.byKey.get(override);
    if (i !== undefined) return { index: i, reason: "override", unitKey };
  }
  for (const rule of c.rules) {
    if (rule.variantIndex < 0 || !ruleMatches(rule, req)) continue;
    if (rule.percentage >= TOTAL_BASIS_POINTS) return { index: rule.variantIndex, reason: "rule", unitKey };
    const b =
      unitKey === undefined
        ? Math.floor(random() * TOTAL_BASIS_POINTS)
        : bucketOf(unitKey, c.config.salt + ":" + rule.id);
    if (b < rule.percentage) return { index: rule.variantIndex, reason: "rule", unitKey };
  }
  const bucket = unitKey === undefined ? Math.floor(random() * TOTAL_BASIS_POINTS) : bucketOf(unitKey, c.config.salt);
  return { index: c.table[bucket], reason: "weights", unitKey };
}

function ruleMatches(rule: CompiledRule, req: RequestView): boolean {
  for (const cond of rule.conditions) {
    const value =
      cond.kind === "header"
        ? req.header(cond.name)
        : cond.kind === "cookie"
          ? req.cookie(cond.name)
          : cond.kind === "query"
            ? req.query(cond.name)
            : req.path();
    if (!cond.test(value)) return false;
  }
  return true;
}

/**
 * A missing attribute only satisfies nothing: every operator, the negated ones included, is
 * false for it except that `exists` reports its absence. A rule sends traffic somewhere special,
 * so a request that lacks the attribute must not opt in by accident.
 */
export function compileCondition(cond: TargetingCondition): CompiledRule["conditions"][number] {
  const [kindRaw, ...rest] = cond.attribute.split(":");
  const kind = (kindRaw === "path" ? "path" : kindRaw) as "header" | "cookie" | "query" | "path";
  const name = kind === "header" ? rest.join(":").toLowerCase() : rest.join(":");
  const values = cond.values;
  const set = new Set(values);
  // RE2: linear time in the value, so no pattern can stall the data plane. A stored pattern RE2
  // can't take (the schemas refuse new ones) matches nothing rather than failing the whole config.
  const regexes: TargetingRegex[] =
    cond.operator === "regex"
      ? values.map((v) => {
          try {
            return compileTargetingRegex(v);
          } catch {
            return { test: () => false };
          }
        })
      : [];
  const test = (v: string | undefined): boolean => {
    if (cond.operator === "exists") return v !== undefined;
    if (v === undefined) return false;
    switch (cond.operator) {
      case "equals":
        return v === values[0];
      case "not_equals":
        return v !== values[0];
      case "in":
        return set.has(v);
      case "not_in":
        return !set.has(v);
      case "prefix":
        return values.some((p) => v.startsWith(p));
      case "regex":
        return regexes.some((r) => r.test(v));
    }
  };
  return { kind, name, test };
}
