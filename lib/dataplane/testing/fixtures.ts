import type { RoutingConfig } from "@/lib/routers/types";
import type { RequestView } from "../assign";

/** A valid two-arm config; override any field. Test-only. */
export function makeConfig(over: Partial<RoutingConfig> = {}): RoutingConfig {
  return {
    version: 1,
    epoch: 1,
    system: "support-classifier",
    rolloutId: "ro_1",
    salt: "salt-1",
    stickiness: { header: "x-user-id", cookie: "uid" },
    variants: [
      { key: "champion", role: "champion", upstream: "http://127.0.0.1:1", version: "v1" },
      { key: "challenger", role: "challenger", upstream: "http://127.0.0.1:2", version: "v2" },
    ],
    weights: { champion: 9_000, challenger: 1_000 },
    overrideHeader: "x-switchyard-override",
    rules: [],
    mirror: null,
    killSwitch: false,
    ...over,
  };
}

/** A RequestView over plain maps. Test-only. */
export function fakeRequest(
  r: {
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
    query?: Record<string, string>;
    path?: string;
  } = {},
): RequestView {
  return {
    header: (n) => r.headers?.[n],
    cookie: (n) => r.cookies?.[n],
    query: (n) => r.query?.[n],
    path: () => r.path ?? "/predict",
  };
}
