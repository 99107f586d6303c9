// RoutingConfig shapes for every strategy, shared by the Kubernetes router tests.
import type { RouteVariant, RoutingConfig } from "@/lib/routers/types";

const variant = (key: string, role: RouteVariant["role"], version: string, port: number): RouteVariant => ({
  key,
  role,
  version,
  upstream: `http://127.0.0.1:${port}`,
});
const champion = variant("champion", "champion", "v1", 7101);
const challenger = variant("challenger", "challenger", "v2", 7102);

export function baseConfig(over: Partial<RoutingConfig> = {}): RoutingConfig {
  return {
    version: 1,
    epoch: 1,
    system: "fraud-model",
    rolloutId: "ro_123",
    salt: "s1",
    stickiness: { header: "x-user-id" },
    variants: [champion, challenger],
    weights: { champion: 10_000, challenger: 0 },
    overrideHeader: "x-switchyard-variant",
    rules: [],
    mirror: null,
    killSwitch: false,
    ...over,
  };
}

/** Canary steps 1 → 10 → 50 → 100 % in basis points. */
export const canarySteps = [100, 1_000, 5_000, 10_000].map((bp, i) =>
  baseConfig({ version: i + 2, weights: { champion: 10_000 - bp, challenger: bp } }),
);

export const blueGreen = {
  before: baseConfig({ weights: { champion: 10_000, challenger: 0 } }),
  after: baseConfig({ version: 2, weights: { champion: 0, challenger: 10_000 } }),
};

export const shadow = baseConfig({
  mirror: { variant: "challenger", sampleBasisPoints: 2_500, routes: ["/predict", "/v1/score"] },
});

export const abSticky = baseConfig({
  weights: { champion: 5_000, challenger: 5_000 },
  stickiness: { header: "x-user-id", cookie: "uid" },
  rules: [
    {
      id: "qa-team",
      conditions: [{ attribute: "header:x-team", operator: "equals", values: ["qa"] }],
      variant: "challenger",
    },
  ],
});

export const featureFlag = baseConfig({
  weights: { champion: 9_850, challenger: 150 },
  rules: [
    {
      id: "beta-users",
      conditions: [
        { attribute: "header:x-segment", operator: "in", values: ["beta", "staff"] },
        { attribute: "header:x-region", operator: "prefix", values: ["eu-"] },
      ],
      variant: "challenger",
    },
    {
      id: "mobile-half",
      conditions: [{ attribute: "header:x-client", operator: "regex", values: ["ios|android"] }],
      variant: "challenger",
      percentage: 5_000,
    },
    {
      id: "cookie-optin",
      conditions: [
        { attribute: "cookie:optin", operator: "equals", values: ["1"] },
        { attribute: "query:debug", operator: "exists", values: [] },
      ],
      variant: "challenger",
    },
  ],
});

export const championChallengers = baseConfig({
  variants: [champion, challenger, variant("challenger-2", "challenger", "v3", 7103)],
  weights: { champion: 8_000, challenger: 1_000, "challenger-2": 1_000 },
});

export const bandit = baseConfig({
  variants: [champion, variant("arm-b", "challenger", "v2", 7102), variant("arm-c", "challenger", "v3", 7103)],
  weights: { champion: 3_334, "arm-b": 4_333, "arm-c": 2_333 },
});

export const killSwitch = baseConfig({ ...abSticky, version: 9, killSwitch: true });
