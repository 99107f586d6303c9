// The one rule every routing config obeys before it leaves the control plane: something is
// served. A config with no variant (or whose weights send traffic nowhere) is refused by every
// router and would leave the system unable to roll out again, so it is never built.
import { PreconditionFailedError } from "../errors";
import type { RoutingConfig } from "../routers/types";

export class UnroutableSystemError extends PreconditionFailedError {
  constructor(message: string) {
    super(message);
    this.name = "UnroutableSystemError";
  }
}

type Routable = Pick<RoutingConfig, "variants" | "weights">;

/** Why this config serves nothing, in the user's words; null when it serves something. */
export function unroutableCause(config: Routable, systemName: string): string | null {
  if (config.variants.length === 0) return `${systemName} has nothing to route to: no slot serves its champion.`;
  const keys = new Set(config.variants.map((v) => v.key));
  const unknown = Object.keys(config.weights).filter((k) => !keys.has(k));
  if (unknown.length) return `${systemName}'s routing sends traffic to ${unknown.join(", ")}, which no variant serves.`;
  const total = Object.values(config.weights).reduce((sum, w) => sum + w, 0);
  if (total <= 0) return `${systemName}'s routing gives no variant any traffic.`;
  return null;
}

export function assertRoutable(config: Routable, systemName: string) {
  const cause = unroutableCause(config, systemName);
  if (cause) throw new UnroutableSystemError(cause);
}
