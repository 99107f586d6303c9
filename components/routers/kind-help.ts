// What the registration form says about each router kind: labels, endpoint and secret fields,
// and a settings example taken from the adapters' own docs and tests. Client-safe data only;
// registry.test.ts checks that every example passes the server's checks.
import type { RouterKind } from "@/lib/routers/types";

export interface KindHelp {
  label: string;
  summary: string;
  endpointLabel: string;
  endpointExample: string;
  endpointHint: string;
  /** null: this kind takes no secret. */
  secret: { label: string; hint: string; required: boolean; multiline?: boolean } | null;
  settingsExample: Record<string, unknown>;
  settingsHint: string;
}

const KUBECONFIG_SECRET = {
  label: "Kubeconfig (optional)",
  hint: "A kubeconfig YAML with a token or client certificate, stored encrypted. Leave empty for in-cluster credentials (settings.inCluster) or the default ~/.kube/config.",
  required: false,
  multiline: true,
};

export const KIND_HELP: Record<RouterKind, KindHelp> = {
  builtin: {
    label: "Built-in router",
    summary:
      "Switchyard's own proxy: weights, sticky A/B, header override, targeting rules, shadow mirroring and per-variant metrics.",
    endpointLabel: "Admin URL",
    endpointExample: "http://127.0.0.1:7201",
    endpointHint: "The router's admin API (ROUTER_ADMIN_PORT), not its data port.",
    secret: {
      label: "Admin token",
      hint: "The router's SWITCHYARD_ROUTER_TOKEN; sent as a bearer token.",
      required: true,
    },
    settingsExample: { dataUrl: "http://127.0.0.1:8080", timeoutMs: 5000 },
    settingsHint:
      "dataUrl: where clients send predictions (shown here only). timeoutMs bounds each admin call (default 5000).",
  },
  haproxy: {
    label: "HAProxy",
    summary:
      "Server weights through the Runtime API, no reload. Weights and override header only: rules and mirroring are refused.",
    endpointLabel: "Runtime API address",
    endpointExample: "unix:/run/haproxy/admin.sock",
    endpointHint: "unix:/path/to/socket or tcp://host:port of a `stats socket ... level admin`.",
    secret: null,
    settingsExample: {
      backend: "be_ticket_classifier",
      servers: { champion: "champion", challenger: "challenger" },
      timeoutMs: 2000,
    },
    settingsHint: "backend: the backend holding one server per variant; servers: variant key → server name.",
  },
  nginx: {
    label: "NGINX",
    summary:
      "Renders the upstream split into a file Switchyard owns, validates it with nginx -t and reloads gracefully; a rejected config leaves the running one untouched.",
    endpointLabel: "Where it runs",
    endpointExample: "http://10.0.3.12:8080",
    endpointHint: "Shown in the list; the adapter uses the paths and status URL in settings.",
    secret: null,
    settingsExample: {
      configPath: "/etc/nginx/conf.d/switchyard.conf",
      mainConfigPath: "/etc/nginx/nginx.conf",
      upstreamName: "switchyard",
      statusUrl: "http://127.0.0.1:8080/__switchyard/config",
      pidFile: "/run/nginx.pid",
    },
    settingsHint:
      "configPath is included inside http { }; statusUrl is the status location rendered by renderNginxLocations (keep it internal).",
  },
  istio: {
    label: "Istio",
    summary: "VirtualService weights with DestinationRule subsets; header override, rules and mirroring supported.",
    endpointLabel: "Kubernetes API server",
    endpointExample: "https://kubernetes.default.svc",
    endpointHint: "Shown in the list; credentials come from the kubeconfig below.",
    secret: KUBECONFIG_SECRET,
    settingsExample: { namespace: "ml", host: "ticket-classifier.ml.svc.cluster.local", subsetLabel: "version" },
    settingsHint: "host: the mesh host of the model service; each subset selects <subsetLabel>: <version>.",
  },
  gateway_api: {
    label: "Gateway API (Linkerd, Envoy Gateway…)",
    summary: "HTTPRoute backendRef weights; works with Gateway API gateways and GAMMA meshes such as Linkerd.",
    endpointLabel: "Kubernetes API server",
    endpointExample: "https://kubernetes.default.svc",
    endpointHint: "Shown in the list; credentials come from the kubeconfig below.",
    secret: KUBECONFIG_SECRET,
    settingsExample: {
      namespace: "ml",
      parentRefs: [{ name: "public-gw", sectionName: "https" }],
      hostnames: ["tickets.example.com"],
      port: 80,
    },
    settingsHint:
      "parentRefs: the Gateway (or, for Linkerd, the Service) the route attaches to; backends default to <system>-<variant key>.",
  },
  smi: {
    label: "SMI TrafficSplit",
    summary: "TrafficSplit backend weights (older Linkerd, OSM). Weight only: rules and mirroring are refused.",
    endpointLabel: "Kubernetes API server",
    endpointExample: "https://kubernetes.default.svc",
    endpointHint: "Shown in the list; credentials come from the kubeconfig below.",
    secret: KUBECONFIG_SECRET,
    settingsExample: { namespace: "ml", service: "ticket-classifier", apiVersion: "split.smi-spec.io/v1alpha4" },
    settingsHint: "service: the apex Service clients call; services maps variant keys to backend Services.",
  },
  argo_rollouts: {
    label: "Argo Rollouts",
    summary: "Switchyard approves and analyses; the Rollout's own canary steps set the weight; the kill switch aborts.",
    endpointLabel: "Kubernetes API server",
    endpointExample: "https://kubernetes.default.svc",
    endpointHint: "Shown in the list; credentials come from the kubeconfig below.",
    secret: KUBECONFIG_SECRET,
    settingsExample: { namespace: "ml", rolloutName: "ticket-classifier", canarySteps: [1, 10, 50, 100] },
    settingsHint:
      "rolloutName: the Rollout Switchyard drives; set workloadRef to let Switchyard create it over a Deployment.",
  },
  webhook: {
    label: "Webhook",
    summary: "A signed JSON POST of the desired config to your own router, retried with backoff; read back from a URL.",
    endpointLabel: "Apply URL",
    endpointExample: "https://router.internal.example.com/switchyard/apply",
    endpointHint: "Receives POSTs signed with x-switchyard-signature: sha256=HMAC(secret, timestamp.body).",
    secret: {
      label: "Signing secret",
      hint: "HMAC-SHA256 key the receiver verifies with (verifyWebhookSignature).",
      required: true,
    },
    settingsExample: {
      readBackUrl: "https://router.internal.example.com/switchyard/state",
      timeoutMs: 5000,
      maxAttempts: 4,
    },
    settingsHint: "readBackUrl answers { version, weights }; without it read-back can't confirm anything.",
  },
};

export const KUBERNETES_KIND_LIST: RouterKind[] = ["istio", "gateway_api", "smi", "argo_rollouts"];

export function kindLabel(kind: string): string {
  return KIND_HELP[kind as RouterKind]?.label ?? kind.replace(/_/g, " ");
}
