import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { RouterError, type RoutingConfig } from "@/lib/routers/types";
import {
  argoAbortPatch,
  argoPlan,
  argoPromotePatches,
  argoRollout,
  argoSetStepPatch,
  readArgoRolloutState,
} from "./argo-rollout-manifest";
import { goDurationMs } from "./cel-rules";
import {
  abSticky,
  bandit,
  baseConfig,
  blueGreen,
  canarySteps,
  championChallengers,
  featureFlag,
  killSwitch,
  shadow,
} from "./fixtures";
import { httpRoute, readHttpRouteState } from "./httproute-manifest";
import { istioDestinationRule, istioVirtualService, readIstioState } from "./istio-manifests";
import { renderManifests } from "./render-manifests";
import {
  argoRolloutsSettingsSchema,
  gatewayApiSettingsSchema,
  istioSettingsSchema,
  smiSettingsSchema,
} from "./settings";
import { readTrafficSplitState, trafficSplit } from "./trafficsplit-manifest";
import { validateManifest } from "./validate-manifest";
import type { KubeObject } from "./kube-object";

const istio = istioSettingsSchema.parse({ namespace: "ml", host: "fraud-model.ml.svc.cluster.local" });
const gateway = gatewayApiSettingsSchema.parse({
  namespace: "ml",
  parentRefs: [{ group: "", kind: "Service", name: "fraud-model", port: 8080 }],
  port: 8080,
});
const envoyGateway = gatewayApiSettingsSchema.parse({
  namespace: "ml",
  parentRefs: [{ name: "public-gw", sectionName: "https" }],
  hostnames: ["fraud.example.com"],
  port: 80,
});
const smi4 = smiSettingsSchema.parse({ namespace: "ml", service: "fraud-model" });
const smi2 = smiSettingsSchema.parse({
  namespace: "ml",
  service: "fraud-model",
  apiVersion: "split.smi-spec.io/v1alpha2",
});
const argo = argoRolloutsSettingsSchema.parse({
  namespace: "ml",
  rolloutName: "fraud-model",
  canarySteps: [1, 10, 50],
  workloadRef: { name: "fraud-model" },
  selector: { matchLabels: { app: "fraud-model" } },
  canaryService: "fraud-model-canary",
  stableService: "fraud-model-stable",
  trafficRouting: { istio: { virtualService: { name: "fraud-model", routes: ["primary"] } } },
});

const shapes: Array<[string, RoutingConfig]> = [
  ...canarySteps.map((c, i): [string, RoutingConfig] => [`canary step ${i + 1}`, c]),
  ["blue-green before", blueGreen.before],
  ["blue-green after", blueGreen.after],
  ["shadow", shadow],
  ["A/B sticky with header rule", abSticky],
  ["feature flag targeting", featureFlag],
  ["champion + 2 challengers", championChallengers],
  ["bandit, 3 arms", bandit],
  ["kill switch", killSwitch],
];

// Loading and compiling the CRD schemas takes seconds on a busy machine; do it once up front so
// each case's time is its own validation.
beforeAll(() => {
  const [, config] = shapes[0];
  for (const m of [
    istioVirtualService(config, istio),
    istioDestinationRule(config, istio),
    httpRoute(config, gateway),
    trafficSplit(config, smi4),
    argoRollout(config, argo),
  ])
    validateManifest(m);
}, 60_000);

function expectValid(m: unknown, opts = {}) {
  const r = validateManifest(m, opts);
  expect(r.errors).toEqual([]);
  expect(r.valid).toBe(true);
}

describe("Istio VirtualService + DestinationRule", () => {
  it.each(shapes)("%s validates against the CRDs", (_, config) => {
    expectValid(istioVirtualService(config, istio));
    expectValid(istioDestinationRule(config, istio));
  });

  it("every weighted route sums to 100 integer percent", () => {
    for (const [, config] of shapes) {
      for (const route of istioVirtualService(config, istio).spec.http) {
        if (route.route.length < 2) continue;
        const ws = route.route.map((d: KubeObject) => d.weight);
        expect(ws.every(Number.isInteger)).toBe(true);
        expect(ws.reduce((a: number, b: number) => a + b, 0)).toBe(100);
      }
    }
  });

  it("routes override header, rules, shadow paths, then the weighted default", () => {
    const vs = istioVirtualService(featureFlag, istio);
    expect(vs.spec.http.map((r: KubeObject) => r.name)).toEqual([
      "override-champion",
      "override-challenger",
      "rule-beta-users",
      "rule-mobile-half",
      "rule-cookie-optin",
      "default",
    ]);
    expect(vs.spec.http[1].match).toEqual([{ headers: { "x-switchyard-variant": { exact: "challenger" } } }]);
    // `in` expands into one match per value, ANDed with the prefix condition
    expect(vs.spec.http[2].match).toEqual([
      { headers: { "x-segment": { exact: "beta" }, "x-region": { prefix: "eu-" } } },
      { headers: { "x-segment": { exact: "staff" }, "x-region": { prefix: "eu-" } } },
    ]);
    // 50 % of matching units to the challenger, the rest falls through to 98.5 / 1.5
    expect(vs.spec.http[3].route.map((d: KubeObject) => d.weight)).toEqual([49, 51]);
    expect(vs.spec.http[4].match[0].queryParams).toEqual({ debug: { regex: ".*" } });
    expect(vs.spec.http.at(-1).route.map((d: KubeObject) => [d.destination.subset, d.weight])).toEqual([
      ["champion", 99],
      ["challenger", 1],
    ]); // 98.5 / 1.5: a tie keeps variant order
  });

  it("mirrors only the shadow-safe paths, with mirrorPercentage", () => {
    const shadowRoute = istioVirtualService(shadow, istio).spec.http.find((r: KubeObject) => r.name === "shadow");
    expect(shadowRoute.match).toEqual([{ uri: { prefix: "/predict" } }, { uri: { prefix: "/v1/score" } }]);
    expect(shadowRoute.mirror).toEqual({ host: "fraud-model.ml.svc.cluster.local", subset: "challenger" });
    expect(shadowRoute.mirrorPercentage).toEqual({ value: 25 });
  });

  it("kill switch leaves only the default route, all to the champion", () => {
    const vs = istioVirtualService(killSwitch, istio);
    expect(vs.spec.http).toHaveLength(1);
    expect(vs.spec.http[0].route.map((d: KubeObject) => d.weight)).toEqual([100, 0]);
  });

  it("DestinationRule has one subset per variant labelled by version", () => {
    expect(istioDestinationRule(bandit, istio).spec.subsets).toEqual([
      { name: "champion", labels: { version: "v1" } },
      { name: "arm-b", labels: { version: "v2" } },
      { name: "arm-c", labels: { version: "v3" } },
    ]);
  });

  it("reads back exact basis points while the live percents still match them, else the live percents", () => {
    const vs = istioVirtualService(featureFlag, istio);
    expect(readIstioState(vs)).toEqual({ version: 1, weights: { champion: 9_850, challenger: 150 } });
    vs.spec.http.at(-1).route[0].weight = 90;
    vs.spec.http.at(-1).route[1].weight = 10;
    expect(readIstioState(vs).weights).toEqual({ champion: 9_000, challenger: 1_000 });
  });

  it("refuses weights that do not sum to 10 000", () => {
    expect(() => istioVirtualService(baseConfig({ weights: { champion: 5_000, challenger: 4_000 } }), istio)).toThrow(
      RouterError,
    );
  });
});

describe("Gateway API HTTPRoute", () => {
  it.each(shapes)("%s validates (Linkerd GAMMA and Envoy Gateway parents)", (_, config) => {
    expectValid(httpRoute(config, gateway));
    expectValid(httpRoute(config, envoyGateway));
  });

  it("uses basis points / gcd as backend weights", () => {
    const w = (c: RoutingConfig) =>
      httpRoute(c, gateway)
        .spec.rules.at(-1)
        .backendRefs.map((b: KubeObject) => b.weight);
    expect(w(canarySteps[0])).toEqual([99, 1]);
    expect(w(canarySteps[2])).toEqual([1, 1]);
    expect(w(bandit)).toEqual([3_334, 4_333, 2_333]);
    expect(w(blueGreen.after)).toEqual([0, 1]);
  });

  it("header matches for override and targeting, RequestMirror for shadow", () => {
    const r = httpRoute(featureFlag, gateway);
    expect(r.spec.rules[0].matches).toEqual([
      { headers: [{ name: "x-switchyard-variant", type: "Exact", value: "champion" }] },
    ]);
    expect(r.spec.rules[2].matches[1].headers).toEqual([
      { name: "x-segment", type: "Exact", value: "staff" },
      { name: "x-region", type: "RegularExpression", value: "^eu-.*" },
    ]);
    const m = httpRoute(shadow, gateway).spec.rules.find((x: KubeObject) => x.name === "shadow");
    expect(m.filters).toEqual([
      {
        type: "RequestMirror",
        requestMirror: { backendRef: { name: "fraud-model-challenger", port: 8080 }, percent: 25 },
      },
    ]);
    const fine = httpRoute(
      baseConfig({ mirror: { variant: "challenger", sampleBasisPoints: 125, routes: ["/predict"] } }),
      gateway,
    );
    const filter = fine.spec.rules.find((x: KubeObject) => x.name === "shadow").filters[0];
    expect(filter.requestMirror.fraction).toEqual({ numerator: 125, denominator: 10_000 });
    expectValid(fine);
  });

  it("refuses negative matches, which Gateway API cannot express", () => {
    const neg = baseConfig({
      rules: [
        {
          id: "n",
          conditions: [{ attribute: "header:x-a", operator: "not_equals", values: ["b"] }],
          variant: "challenger",
        },
      ],
    });
    expect(() => httpRoute(neg, gateway)).toThrow(/negative/);
    expectValid(istioVirtualService(neg, istio)); // Istio has withoutHeaders
  });

  it("reads the default rule back as basis points per variant", () => {
    expect(readHttpRouteState(httpRoute(bandit, gateway))).toEqual({
      version: 1,
      weights: { champion: 3_334, "arm-b": 4_333, "arm-c": 2_333 },
    });
  });
});

describe("SMI TrafficSplit", () => {
  const weightShapes = shapes.filter(([, c]) => (c.rules.length === 0 && !c.mirror) || c.killSwitch);
  it.each(weightShapes)("%s validates as v1alpha4", (_, config) => expectValid(trafficSplit(config, smi4)));

  it("v1alpha2 has the same shape but this CRD does not serve it", () => {
    const ts = trafficSplit(bandit, smi2);
    expect(ts.apiVersion).toBe("split.smi-spec.io/v1alpha2");
    expect(validateManifest(ts).errors).toEqual(["TrafficSplit.split.smi-spec.io/v1alpha2 is not served by this CRD"]);
    expectValid(ts, { allowUnservedVersion: true });
  });

  it("carries basis points as weights and reads them back", () => {
    const ts = trafficSplit(canarySteps[0], smi4);
    expect(ts.spec.backends).toEqual([
      { service: "fraud-model-champion", weight: 9_900 },
      { service: "fraud-model-challenger", weight: 100 },
    ]);
    expect(readTrafficSplitState(ts).weights).toEqual({ champion: 9_900, challenger: 100 });
  });

  it("refuses rules and mirroring", () => {
    expect(() => trafficSplit(abSticky, smi4)).toThrow(/cannot express/);
    expect(() => trafficSplit(shadow, smi4)).toThrow(/cannot express/);
  });
});

describe("Argo Rollouts", () => {
  const noRouting = argoRolloutsSettingsSchema.parse({
    namespace: "ml",
    rolloutName: "fraud-model",
    canarySteps: [1, 10, 50],
  });

  it.each([
    ...canarySteps.map((c): [string, RoutingConfig] => ["canary", c]),
    ["blue-green", blueGreen.before],
    ["blue-green", blueGreen.after],
    ["shadow", shadow],
    ["A/B", abSticky],
    ["kill switch", killSwitch],
  ] as Array<[string, RoutingConfig]>)("%s validates", (_, config) => expectValid(argoRollout(config, argo)));

  it("builds setWeight + indefinite pause per planned weight and targets the desired step", () => {
    const plan = argoPlan(canarySteps[1], noRouting);
    expect(plan.steps).toEqual([
      { setWeight: 0 },
      { pause: {} },
      { setWeight: 1 },
      { pause: {} },
      { setWeight: 10 },
      { pause: {} },
      { setWeight: 50 },
      { pause: {} },
    ]);
    expect(plan.targetStepIndex).toBe(4);
    expect(argoPlan(canarySteps[3], noRouting).targetStepIndex).toBe(8); // past the last step = promoted
    expect(argoPlan(killSwitch, argo).targetStepIndex).toBeNull();
    expect(() => argoPlan(baseConfig({ weights: { champion: 7_000, challenger: 3_000 } }), noRouting)).toThrow(
      /not a step/,
    );
  });

  it("adds header and mirror routes (managed routes) only with trafficRouting", () => {
    const ro = argoRollout(shadow, argo);
    expect(ro.spec.strategy.canary.steps.slice(0, 2)).toEqual([
      {
        setHeaderRoute: {
          name: "switchyard-override",
          match: [{ headerName: "x-switchyard-variant", headerValue: { exact: "challenger" } }],
        },
      },
      {
        setMirrorRoute: {
          name: "switchyard-shadow",
          percentage: 25,
          match: [{ path: { prefix: "/predict" } }, { path: { prefix: "/v1/score" } }],
        },
      },
    ]);
    expect(ro.spec.strategy.canary.trafficRouting.managedRoutes).toEqual([
      { name: "switchyard-override" },
      { name: "switchyard-shadow" },
    ]);
    expect(() => argoRollout(shadow, noRouting)).toThrow(/trafficRouting/);
  });

  it("refuses several challengers (one canary at a time)", () => {
    expect(() => argoRollout(bandit, argo)).toThrow(/one canary/);
    expect(() => argoRollout(championChallengers, argo)).toThrow(/one canary/);
  });

  it("patches match kubectl argo rollouts promote/abort/retry", () => {
    expect(argoAbortPatch()).toEqual({ status: { abort: true } });
    expect(
      argoPromotePatches({ spec: { paused: true }, status: { pauseConditions: [{ reason: "CanaryPauseStep" }] } }),
    ).toEqual({ spec: { spec: { paused: false } }, status: { status: { pauseConditions: null } } });
    expect(
      argoPromotePatches({
        spec: { strategy: { canary: { steps: [{ setWeight: 1 }, { pause: {} }] } } },
        status: { currentStepIndex: 0 },
      }),
    ).toEqual({ spec: null, status: { status: { pauseConditions: null, currentStepIndex: 1 } } });
    const live = {
      spec: { strategy: { canary: { steps: argoPlan(canarySteps[1], noRouting).steps } } },
      status: { currentStepIndex: 3, abort: true },
    };
    expect(argoSetStepPatch(live, 4)).toEqual({ status: { pauseConditions: null, currentStepIndex: 4, abort: false } });
    expect(argoSetStepPatch({ ...live, status: { currentStepIndex: 5 } }, 4)).toBeNull();
  });

  it("reads the weight from status, the abort flag or the current step", () => {
    const ro = argoRollout(canarySteps[1], argo);
    expect(
      readArgoRolloutState({
        ...ro,
        status: { canary: { weights: { canary: { weight: 10 }, stable: { weight: 90 } } } },
      }),
    ).toEqual({ version: 3, weights: { champion: 9_000, challenger: 1_000 } });
    expect(readArgoRolloutState({ ...ro, status: { currentStepIndex: 7 } }).weights.challenger).toBe(5_000);
    expect(readArgoRolloutState({ ...ro, status: { abort: true, currentStepIndex: 7 } }).weights.challenger).toBe(0);
  });
});

describe("validator catches wrong manifests", () => {
  const errorsOf = (m: unknown) => validateManifest(m).errors.join("\n");

  it("weight as a string where the schema wants an integer", () => {
    const vs = istioVirtualService(canarySteps[1], istio);
    vs.spec.http.at(-1).route[0].weight = "90";
    expect(errorsOf(vs)).toMatch(/weight: must be integer/);
    const r = httpRoute(canarySteps[1], gateway);
    r.spec.rules.at(-1).backendRefs[0].weight = "9";
    expect(errorsOf(r)).toMatch(/weight: must be integer/);
  });

  it("missing required fields", () => {
    const dr = istioDestinationRule(bandit, istio);
    delete dr.spec.host;
    expect(errorsOf(dr)).toMatch(/required property 'host'/);
    const ts = trafficSplit(bandit, smi4);
    delete ts.spec.backends[0].weight;
    expect(errorsOf(ts)).toMatch(/required property 'weight'/);
    const r = httpRoute(bandit, gateway);
    delete r.spec.rules[0].backendRefs[0].name;
    expect(errorsOf(r)).toMatch(/required property 'name'/);
  });

  it("unknown fields (strict field validation) and bad enum values", () => {
    const vs = istioVirtualService(shadow, istio);
    vs.spec.http[0].mirrorRatio = 10; // not a field (Istio does have the deprecated mirrorPercent)
    expect(errorsOf(vs)).toMatch(/must NOT have additional properties \(mirrorRatio\)/);
    const r = httpRoute(featureFlag, gateway);
    r.spec.rules[2].matches[0].headers[0].type = "Prefix";
    expect(errorsOf(r)).toMatch(/must be equal to one of the allowed values/);
  });

  it("range, pattern and metadata checks", () => {
    const r = httpRoute(bandit, gateway);
    r.spec.rules.at(-1).backendRefs[0].weight = 1_000_001;
    expect(errorsOf(r)).toMatch(/must be <= 1000000/);
    const vs = istioVirtualService(bandit, istio);
    vs.metadata.name = "Not_A_DNS_Name";
    expect(errorsOf(vs)).toMatch(/\/metadata\/name: must match pattern/);
    const ts = trafficSplit(bandit, smi4);
    ts.kind = "TrafficSplitt";
    expect(validateManifest(ts).valid).toBe(false);
  });

  it("CEL rules translated by hand: mirror percent and fraction, Service backend without port, duplicate headers", () => {
    const r = httpRoute(shadow, gateway);
    const mirror = r.spec.rules.find((x: KubeObject) => x.name === "shadow").filters[0].requestMirror;
    mirror.fraction = { numerator: 1, denominator: 4 };
    expect(errorsOf(r)).toMatch(/Only one of percent or fraction/);
    const p = httpRoute(bandit, gateway);
    delete p.spec.rules[0].backendRefs[0].port;
    expect(errorsOf(p)).toMatch(/Must have port for Service reference/);
    const d = httpRoute(featureFlag, gateway);
    d.spec.rules[2].matches[0].headers.push({ name: "x-segment", type: "Exact", value: "x" });
    expect(errorsOf(d)).toMatch(/duplicate entries for map keys \[name\]/);
  });

  it("reports the CEL rules it could not evaluate instead of passing them silently", () => {
    const r = validateManifest(httpRoute(featureFlag, gateway));
    expect(r.valid).toBe(true);
    expect(r.skippedRules.every((x) => x.includes("ReplacePrefixMatch"))).toBe(true);
    expect(goDurationMs("1h30m")).toBe(5_400_000);
    expect(goDurationMs("500us")).toBe(0.5);
    expect(goDurationMs("3 days")).toBeNull();
  });
});

describe("renderManifests", () => {
  it("returns copyable multi-document YAML that validates", () => {
    const yaml = renderManifests("istio", shadow, { namespace: "ml", host: "fraud-model.ml.svc.cluster.local" });
    const docs = parseAllDocuments(yaml).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(["DestinationRule", "VirtualService"]);
    docs.forEach((d) => expectValid(d));
    expect(yaml).toContain('switchyard.io/config-version: "1"');
    for (const [kind, settings] of [
      ["gateway_api", gateway],
      ["smi", smi4],
      ["argo_rollouts", argo],
    ] as const) {
      const out = parseAllDocuments(renderManifests(kind, canarySteps[0], settings)).map((d) => d.toJS());
      out.forEach((d) => expectValid(d));
    }
    expect(() => renderManifests("webhook", shadow, {})).toThrow(/no Kubernetes manifests/);
    expect(() => renderManifests("istio", shadow, { namespace: "ml" })).toThrow(/host/);
  });
});
