import type { RoutingConfig } from "@/lib/routers/types";

export type AcceptDecision =
  | { outcome: "apply" }
  /** Same version and same content (epoch aside): nothing to change, answer 200. */
  | { outcome: "unchanged"; raiseEpoch: boolean }
  | { outcome: "refuse"; code: "stale_epoch" | "stale_version"; message: string };

/**
 * Fencing and ordering of pushed configs. Pure.
 * - epoch lower than the highest ever accepted → stale_epoch (a deposed leader).
 * - version lower than the one served → stale_version (an out-of-order push).
 * - same version: idempotent if the content is the same (a re-push by a new leader only raises
 *   the recorded epoch); a different content under the same version is refused, because a
 *   version must name exactly one config.
 */
export function decideConfig(
  current: RoutingConfig | null,
  highestEpoch: number,
  incoming: RoutingConfig,
): AcceptDecision {
  if (incoming.epoch < highestEpoch) {
    return { outcome: "refuse", code: "stale_epoch", message: `epoch ${incoming.epoch} is lower than ${highestEpoch}` };
  }
  if (!current) return { outcome: "apply" };
  if (incoming.version < current.version) {
    return {
      outcome: "refuse",
      code: "stale_version",
      message: `version ${incoming.version} is lower than the served ${current.version}`,
    };
  }
  if (incoming.version === current.version) {
    if (canonical({ ...incoming, epoch: 0 }) === canonical({ ...current, epoch: 0 })) {
      return { outcome: "unchanged", raiseEpoch: incoming.epoch > highestEpoch };
    }
    return {
      outcome: "refuse",
      code: "stale_version",
      message: `version ${incoming.version} is already served with different content`,
    };
  }
  return { outcome: "apply" };
}

/** JSON with object keys sorted, so equal configs compare equal whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
