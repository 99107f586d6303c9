import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RouterError, type RouterTarget } from "@/lib/routers/types";
import { createArgoRolloutsAdapter } from "@/lib/routers/argo-rollouts";
import { createGatewayApiAdapter } from "@/lib/routers/gateway-api";
import { createIstioAdapter } from "@/lib/routers/istio";
import { createSmiAdapter } from "@/lib/routers/smi";
import { startFakeKubeApi } from "./fake-kube-api";
import { bandit, baseConfig, canarySteps, featureFlag, killSwitch, shadow } from "./fixtures";
import { validateManifest } from "./validate-manifest";
import type { KubeObject } from "./kube-object";

let api: Awaited<ReturnType<typeof startFakeKubeApi>>;
beforeAll(async () => {
  api = await startFakeKubeApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.objects.clear();
  api.requests.length = 0;
});

const target = (
  kind: RouterTarget["kind"],
  settings: Record<string, unknown>,
  kubeconfig = api.kubeconfig,
): RouterTarget => ({
  id: "r1",
  name: "Fraud Mesh",
  kind,
  endpoint: api.url,
  secret: null,
  settings: { kubeconfig, namespace: "ml", timeoutMs: 1_000, ...settings },
});
const caught = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => e as RouterError,
  );

describe("Istio adapter against a fake API server", () => {
  const settings = { host: "fraud-model.ml.svc.cluster.local" };

  it("server-side applies DestinationRule then VirtualService and reads the live weights back", async () => {
    const a = createIstioAdapter(target("istio", settings));
    expect((await a.health()).status).toBe("degraded"); // reachable, nothing applied yet
    await a.apply(featureFlag);
    const patches = api.requests.filter((r) => r.method === "PATCH");
    expect(patches.map((r) => r.path)).toEqual([
      "/apis/networking.istio.io/v1/namespaces/ml/destinationrules/switchyard-fraud-mesh?fieldManager=switchyard&force=true",
      "/apis/networking.istio.io/v1/namespaces/ml/virtualservices/switchyard-fraud-mesh?fieldManager=switchyard&force=true",
    ]);
    for (const p of patches) {
      expect(p.contentType).toBe("application/apply-patch+yaml");
      expect(p.auth).toBe("Bearer test-token");
      expect(validateManifest(parse(p.body!)).valid).toBe(true);
    }
    expect(await a.readBack()).toEqual({ version: 1, weights: { champion: 9_850, challenger: 150 } });
    expect((await a.health()).status).toBe("healthy");
  });

  it("reflects a hand edit of the live object, and sends the resourceVersion precondition", async () => {
    const a = createIstioAdapter(target("istio", settings));
    await a.apply(canarySteps[1]);
    const vs = api.find("virtualservices", "switchyard-fraud-mesh")!;
    vs.spec.http.at(-1).route[0].weight = 70;
    vs.spec.http.at(-1).route[1].weight = 30;
    expect((await a.readBack()).weights).toEqual({ champion: 7_000, challenger: 3_000 });
    await a.apply(canarySteps[2]);
    const last = parse(api.requests.filter((r) => r.method === "PATCH").at(-1)!.body!);
    expect(last.metadata.resourceVersion).toBe(vs.metadata.resourceVersion);
    expect(await a.readBack()).toEqual({ version: 4, weights: { champion: 5_000, challenger: 5_000 } });
  });

  it("refuses an older config version or epoch than the live object carries", async () => {
    const a = createIstioAdapter(target("istio", settings));
    await a.apply(baseConfig({ version: 5, epoch: 3 }));
    expect((await caught(a.apply(baseConfig({ version: 4, epoch: 3 }))))?.code).toBe("stale_version");
    expect((await caught(a.apply(baseConfig({ version: 6, epoch: 2 }))))?.code).toBe("stale_epoch");
  });

  it("maps 401, 409, 500, 422 and timeouts onto RouterError codes", async () => {
    const bad = createIstioAdapter(
      target("istio", settings, api.kubeconfig.replace("token: test-token", "token: wrong")),
    );
    const e401 = await caught(bad.apply(canarySteps[0]));
    expect([e401?.code, e401?.retryable]).toEqual(["refused", false]);
    const a = createIstioAdapter(target("istio", settings));
    const faults: Array<[number | "hang", string]> = [
      [409, "refused"],
      [500, "unreachable"],
      [422, "invalid_config"],
      ["hang", "timeout"],
    ];
    for (const [fault, code] of faults) {
      api.fail(fault);
      const e = await caught(a.readBack());
      expect(e).toBeInstanceOf(RouterError);
      expect(e?.code).toBe(code);
    }
    expect((await a.health()).status).not.toBe("down");
    api.fail(500);
    expect((await a.health()).status).toBe("down");
  });

  it("a schema-invalid object is rejected by the API as invalid_config", async () => {
    const a = createIstioAdapter(target("istio", { ...settings, labels: { "bad key!": "x" } }));
    const e = await caught(a.apply(canarySteps[0]));
    expect(e?.code).toBe("invalid_config");
  });

  it("an unreachable API server is `unreachable`", async () => {
    const dead = api.kubeconfig.replace(api.url, "http://127.0.0.1:9");
    const e = await caught(createIstioAdapter(target("istio", settings, dead)).readBack());
    expect(e?.code).toBe("unreachable");
  });
});

describe("Gateway API adapter", () => {
  it("applies an HTTPRoute and reads exact basis points back for 3 arms", async () => {
    const a = createGatewayApiAdapter(
      target("gateway_api", {
        parentRefs: [{ group: "", kind: "Service", name: "fraud-model", port: 8080 }],
        port: 8080,
      }),
    );
    await a.apply(bandit);
    const p = api.requests.find((r) => r.method === "PATCH")!;
    expect(p.path).toBe(
      "/apis/gateway.networking.k8s.io/v1/namespaces/ml/httproutes/switchyard-fraud-mesh?fieldManager=switchyard&force=true",
    );
    expect(await a.readBack()).toEqual({ version: 1, weights: { champion: 3_334, "arm-b": 4_333, "arm-c": 2_333 } });
    await a.apply({ ...shadow, version: 2 });
    expect(
      api
        .find("httproutes", "switchyard-fraud-mesh")!
        .spec.rules.some((r: KubeObject) => r.filters?.[0]?.type === "RequestMirror"),
    ).toBe(true);
    expect((await a.health()).status).toBe("healthy");
  });
});

describe("SMI adapter", () => {
  it("applies a v1alpha4 TrafficSplit and reads it back", async () => {
    const a = createSmiAdapter(target("smi", { service: "fraud-model" }));
    await a.apply(canarySteps[0]);
    expect(api.requests.find((r) => r.method === "PATCH")!.path).toBe(
      "/apis/split.smi-spec.io/v1alpha4/namespaces/ml/trafficsplits/switchyard-fraud-mesh?fieldManager=switchyard&force=true",
    );
    expect(await a.readBack()).toEqual({ version: 2, weights: { champion: 9_900, challenger: 100 } });
  });

  it("v1alpha2 is refused by an API server whose CRD does not serve it", async () => {
    const a = createSmiAdapter(target("smi", { service: "fraud-model", apiVersion: "split.smi-spec.io/v1alpha2" }));
    const e = await caught(a.apply(canarySteps[0]));
    expect([e?.code, e?.retryable]).toEqual(["refused", false]);
  });
});

describe("Argo Rollouts adapter", () => {
  const settings = {
    rolloutName: "fraud-model",
    canarySteps: [1, 10, 50],
    workloadRef: { name: "fraud-model" },
    selector: { matchLabels: { app: "fraud-model" } },
  };
  const statusPatches = () => api.requests.filter((r) => r.path.endsWith("/status")).map((r) => JSON.parse(r.body!));

  it("creates the Rollout, jumps to the desired setWeight step, aborts on kill switch, retries after", async () => {
    const a = createArgoRolloutsAdapter(target("argo_rollouts", settings));
    await a.apply(canarySteps[1]); // 10 %
    const ro = api.find("rollouts", "fraud-model")!;
    expect(ro.spec.strategy.canary.steps[ro.status.currentStepIndex]).toEqual({ setWeight: 10 });
    expect(api.requests.find((r) => r.method === "PATCH")!.path).toBe(
      "/apis/argoproj.io/v1alpha1/namespaces/ml/rollouts/fraud-model?fieldManager=switchyard&force=true",
    );
    expect(statusPatches()).toEqual([{ status: { pauseConditions: null, currentStepIndex: 4 } }]);
    expect(await a.readBack()).toEqual({ version: 3, weights: { champion: 9_000, challenger: 1_000 } });

    // Argo reports the weight it set; read-back prefers it
    ro.status.canary = { weights: { canary: { weight: 10 }, stable: { weight: 90 } } };
    await a.apply({ ...canarySteps[1], version: 4 }); // already there: no status patch
    expect(statusPatches()).toHaveLength(1);

    await a.apply({ ...killSwitch, version: 5 });
    expect(statusPatches().at(-1)).toEqual({ status: { abort: true } });
    expect((await a.readBack()).weights).toEqual({ champion: 10_000, challenger: 0 });

    await a.apply({ ...canarySteps[2], version: 6 }); // 50 %, clears the abort like `retry`
    expect(statusPatches().at(-1)).toEqual({ status: { pauseConditions: null, currentStepIndex: 6, abort: false } });
    await a.apply({ ...canarySteps[3], version: 7 }); // 100 % = past the last step
    expect(statusPatches().at(-1)).toEqual({ status: { pauseConditions: null, currentStepIndex: 8 } });
  });

  it("promote and abort send the kubectl plugin's patches", async () => {
    const a = createArgoRolloutsAdapter(target("argo_rollouts", settings));
    await a.apply(canarySteps[0]);
    const ro = api.find("rollouts", "fraud-model")!;
    ro.spec.paused = true;
    ro.status.pauseConditions = [{ reason: "CanaryPauseStep", startTime: "2024-01-01T00:00:00Z" }];
    await a.promote();
    expect(statusPatches().at(-1)).toEqual({ status: { pauseConditions: null } });
    expect(JSON.parse(api.requests.at(-1)!.body!)).toEqual({ spec: { paused: false } });
    await a.abort();
    expect(statusPatches().at(-1)).toEqual({ status: { abort: true } });
  });

  it("will not create a Rollout it has no workload for", async () => {
    const a = createArgoRolloutsAdapter(target("argo_rollouts", { rolloutName: "fraud-model" }));
    expect((await caught(a.apply(canarySteps[0])))?.code).toBe("refused");
  });
});

describe("kubeconfig credentials from an exec plugin (client-node's authenticators)", () => {
  it("runs the plugin, sends its token, and reports a failing plugin as a configuration error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "switchyard-exec-"));
    const plugin = path.join(dir, "credential-plugin.sh");
    const calls = path.join(dir, "calls");
    // Like `aws eks get-token` or `gke-gcloud-auth-plugin`: prints an ExecCredential on stdout.
    await writeFile(
      plugin,
      `#!/bin/sh\necho call >> "${calls}"\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"test-token","expirationTimestamp":"2999-01-01T00:00:00Z"}}'\n`,
      { mode: 0o755 },
    );
    const execUser = [
      "    exec:",
      "      apiVersion: client.authentication.k8s.io/v1",
      `      command: ${plugin}`,
      "      interactiveMode: Never",
    ].join("\n");
    const kubeconfig = api.kubeconfig.replace("    token: test-token", execUser);
    expect(kubeconfig).toContain("exec:");
    const a = createIstioAdapter(target("istio", { host: "fraud-model.ml.svc.cluster.local" }, kubeconfig));
    await a.apply(canarySteps[1]);
    const patches = api.requests.filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(2);
    for (const p of patches) expect(p.auth).toBe("Bearer test-token");
    expect((await a.readBack()).weights).toEqual(canarySteps[1].weights);
    // The token is cached until it expires: the plugin ran once for all of these calls.
    expect((await readFile(calls, "utf8")).trim().split("\n")).toHaveLength(1);

    const broken = createIstioAdapter(
      target(
        "istio",
        { host: "fraud-model.ml.svc.cluster.local" },
        kubeconfig.replace(plugin, path.join(dir, "missing-plugin")),
      ),
    );
    const err = await caught(broken.apply(canarySteps[1]));
    expect(err).toBeInstanceOf(RouterError);
    expect(err?.code).toBe("invalid_config");
  });
});
