// RoutingConfig factory for router tests and benchmarks: champion + one challenger.
import type { RoutingConfig } from "../types";

export function twoArmConfig(
  upstreams: { champion: string; challenger: string },
  {
    version = 1,
    epoch = 1,
    challengerBasisPoints = 0,
    ...rest
  }: Partial<RoutingConfig> & { challengerBasisPoints?: number } = {},
): RoutingConfig {
  return {
    version,
    epoch,
    system: "ticket-classifier",
    rolloutId: "rollout-test",
    salt: "salt-1",
    stickiness: { header: "x-user-id", cookie: "uid" },
    variants: [
      { key: "champion", role: "champion", upstream: upstreams.champion, version: "v1" },
      { key: "challenger", role: "challenger", upstream: upstreams.challenger, version: "v2" },
    ],
    weights: { champion: 10_000 - challengerBasisPoints, challenger: challengerBasisPoints },
    overrideHeader: "x-switchyard-variant",
    rules: [],
    mirror: null,
    killSwitch: false,
    ...rest,
  };
}
