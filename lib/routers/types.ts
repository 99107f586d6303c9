// The one contract between the control plane and every data plane (after Argo Rollouts'
// TrafficRoutingReconciler and Flagger's router.Interface). Pure types: safe anywhere.

/** Weights are basis points (0..10 000) so they map exactly onto the 10 000 assignment buckets. */
export type Weights = Record<string, number>;

export const TOTAL_BASIS_POINTS = 10_000;

export type RouterKind =
  "builtin" | "haproxy" | "nginx" | "istio" | "gateway_api" | "smi" | "argo_rollouts" | "webhook";

/** One arm a router can send traffic to. */
export interface RouteVariant {
  /** "champion", "challenger", "challenger-2"... */
  key: string;
  role: "champion" | "challenger";
  /** Base URL of the model server for this arm, e.g. http://127.0.0.1:7101 */
  upstream: string;
  /** Model version label, for metrics and headers. */
  version: string;
}

/** A targeting rule: requests matching every condition go to `variant` (or, with
 * `percentage`, that share of matching units does; the rest fall through to the weights). */
export interface TargetingRule {
  id: string;
  description?: string;
  conditions: TargetingCondition[];
  variant: string;
  /** 0..10 000 basis points of matching units; omitted = all of them. */
  percentage?: number;
}

export interface TargetingCondition {
  /** header:<name>, cookie:<name>, query:<name>, or "path" */
  attribute: string;
  operator: "equals" | "not_equals" | "in" | "not_in" | "prefix" | "regex" | "exists";
  values: string[];
}

/** The whole desired routing state of one system, as pushed to a router. */
export interface RoutingConfig {
  /** Monotonic per router; a router refuses a version lower than the one it serves. */
  version: number;
  /** Leader fencing token; a router refuses an epoch lower than the highest it has seen. */
  epoch: number;
  system: string;
  rolloutId: string | null;
  /** Mixed with the unit key so that each rollout assigns users independently. */
  salt: string;
  /** Where the unit key comes from: first header, then cookie; no key = random per request. */
  stickiness: { header?: string; cookie?: string };
  variants: RouteVariant[];
  weights: Weights;
  /** Requests carrying this header with a variant key are sent to that variant (internal testing). */
  overrideHeader: string;
  rules: TargetingRule[];
  /** Shadow: mirror a share of requests on mirror-safe routes to `variant`; never served. */
  mirror: { variant: string; sampleBasisPoints: number; routes: string[] } | null;
  /** Kill switch: everything to the champion, rules and weights ignored. */
  killSwitch: boolean;
  /** Request header whose value segments metrics (e.g. x-ticket-type). */
  segmentHeader?: string;
  /** JSON field of the model's answer captured as the prediction, for drift and agreement. */
  predictionField?: string;
}

/** What a router reports it actually serves. `version` null when it cannot tell. */
export interface AppliedState {
  version: number | null;
  weights: Weights;
}

export interface RouterHealthReport {
  status: "healthy" | "degraded" | "down";
  detail?: string;
  latencyMs?: number;
}

/** A router's connection details, decrypted, as the adapters receive them. */
export interface RouterTarget {
  id: string;
  name: string;
  kind: RouterKind;
  endpoint: string;
  settings: Record<string, unknown>;
  secret: string | null;
}

export interface RouterAdapter {
  readonly kind: RouterKind;
  /** Make the router serve `config`. Resolves once the router accepted it; throws RouterError. */
  apply(config: RoutingConfig): Promise<void>;
  /** Read back what the router serves now. */
  readBack(): Promise<AppliedState>;
  health(): Promise<RouterHealthReport>;
}

/** A router refused, timed out or disagreed. `retryable` false for a config the router rejects. */
export class RouterError extends Error {
  constructor(
    message: string,
    readonly code:
      "unreachable" | "timeout" | "refused" | "invalid_config" | "stale_epoch" | "stale_version" | "mismatch",
    readonly retryable: boolean = code !== "invalid_config",
  ) {
    super(message);
    this.name = "RouterError";
  }
}

/** True when `applied` serves the same weights as `desired` (missing keys count as 0). */
export function weightsEqual(desired: Weights, applied: Weights): boolean {
  const keys = new Set([...Object.keys(desired), ...Object.keys(applied)]);
  for (const k of keys) if ((desired[k] ?? 0) !== (applied[k] ?? 0)) return false;
  return true;
}
