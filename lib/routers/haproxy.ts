// HAProxy adapter: drives weights through the Runtime API (no reload, no config file writes).
//
// - Weights: `set server <backend>/<server> weight <w>` with basis points mapped to 0..256 by
//   toHaproxyWeights (exact ratio when representable; see haproxy-weights.ts). Raises are sent
//   before cuts so the backend never has all servers at 0 mid-change. Weight 0 is how a variant is
//   taken out: it stops new traffic and leaves the server's admin state (maint/drain) to operators.
// - Version, epoch, salt and the desired basis points live in process variables
//   (proc.switchyard_<backend>_*), set with `experimental-mode on; set var ...` (HAProxy ≥ 2.4). They survive
//   until HAProxy restarts; after a reload the variables and weights are back to haproxy.cfg's and
//   read-back shows it, so the controller re-applies.
// - Fencing: apply() refuses an epoch below, or a version below, what HAProxy's variables hold.
// - Unsupported here: targeting rules and shadow mirroring (invalid_config, not silently dropped).
//   The override header is static config rendered by renderHaproxyBackend.
import { HaproxyRuntimeClient, parseInfo, parseServersState, parseVars, type ServerState } from "./haproxy-runtime";
import { switchyardVars } from "./haproxy-config";
import { NO_ROLLOUT } from "../dataplane/request-id";
import { fromHaproxyWeights, haproxyWeightsEqual, toHaproxyWeights } from "./haproxy-weights";
import {
  RouterError,
  TOTAL_BASIS_POINTS,
  type AppliedState,
  type RouterAdapter,
  type RouterHealthReport,
  type RouterTarget,
  type RoutingConfig,
  type Weights,
} from "./types";

export interface HaproxySettings {
  /** Backend holding one server per variant. */
  backend: string;
  /** variant key → server name in that backend */
  servers: Record<string, string>;
  /** Per-command timeout, default 2 000 ms. */
  timeoutMs?: number;
}

export function parseHaproxySettings(settings: Record<string, unknown>): HaproxySettings {
  const { backend, servers, timeoutMs } = settings as Partial<HaproxySettings>;
  if (typeof backend !== "string" || !SAFE.test(backend))
    throw invalid(`settings.backend must be a HAProxy backend name`);
  if (!servers || typeof servers !== "object" || Object.keys(servers).length === 0) {
    throw invalid("settings.servers must map variant keys to server names");
  }
  for (const [k, s] of Object.entries(servers)) {
    if (typeof s !== "string" || !SAFE.test(s)) throw invalid(`settings.servers.${k} must be a HAProxy server name`);
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== "number" || timeoutMs <= 0))
    throw invalid("settings.timeoutMs must be > 0");
  return { backend, servers: { ...servers }, timeoutMs };
}

export class HaproxyAdapter implements RouterAdapter {
  readonly kind = "haproxy" as const;
  readonly settings: HaproxySettings;
  private readonly client: HaproxyRuntimeClient;
  private readonly vars: ReturnType<typeof switchyardVars>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(target: Pick<RouterTarget, "endpoint" | "settings">) {
    this.settings = parseHaproxySettings(target.settings);
    this.client = new HaproxyRuntimeClient(target.endpoint, this.settings.timeoutMs);
    this.vars = switchyardVars(this.settings.backend);
  }

  /** Set weights and variables, then read back; throws "mismatch" if HAProxy serves otherwise. */
  apply(config: RoutingConfig): Promise<void> {
    const run = this.queue.then(() => this.applyNow(config));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async readBack(): Promise<AppliedState> {
    const [servers, vars] = await Promise.all([this.serverWeights(), this.readVars()]);
    const desired = decodeWeights(vars[this.vars.weights]);
    const version = vars[this.vars.version] !== undefined ? Number(vars[this.vars.version]) : null;
    // The stored basis points are what HAProxy serves iff they map onto the live weights.
    if (desired && haproxyWeightsEqual(toHaproxyWeights(this.restrict(desired)), servers))
      return { version, weights: desired };
    return { version, weights: fromHaproxyWeights(servers) };
  }

  async health(): Promise<RouterHealthReport> {
    const started = performance.now();
    try {
      const info = parseInfo(await this.client.query("show info"));
      const states = await this.states();
      const latencyMs = Math.round(performance.now() - started);
      const missing = Object.values(this.settings.servers).filter((s) => !states.some((st) => st.name === s));
      if (missing.length)
        return {
          status: "degraded",
          detail: `servers missing from ${this.settings.backend}: ${missing.join(", ")}`,
          latencyMs,
        };
      const bad = states.filter((s) => s.weight > 0 && (s.opState !== 2 || (s.adminState & 0x03) !== 0));
      if (bad.length === states.filter((s) => s.weight > 0).length && bad.length > 0) {
        return {
          status: "down",
          detail: `no serving server in ${this.settings.backend}: ${bad.map(describeState).join(", ")}`,
          latencyMs,
        };
      }
      if (bad.length) return { status: "degraded", detail: bad.map(describeState).join(", "), latencyMs };
      return { status: "healthy", detail: `HAProxy ${info.Version ?? "?"}, uptime ${info.Uptime ?? "?"}`, latencyMs };
    } catch (err) {
      return {
        status: "down",
        detail: err instanceof Error ? err.message : String(err),
        latencyMs: Math.round(performance.now() - started),
      };
    }
  }

  private async applyNow(config: RoutingConfig) {
    const desired = this.desiredBasisPoints(config);
    const target = toHaproxyWeights(desired);
    const vars = await this.readVars();
    const seenEpoch = Number(vars[this.vars.epoch] ?? 0);
    const seenVersion = Number(vars[this.vars.version] ?? 0);
    if (config.epoch < seenEpoch)
      throw new RouterError(`epoch ${config.epoch} < ${seenEpoch} already seen by HAProxy`, "stale_epoch", false);
    if (config.version < seenVersion)
      throw new RouterError(`version ${config.version} < ${seenVersion} served by HAProxy`, "stale_version", false);

    const current = await this.serverWeights();
    const keys = Object.keys(target).sort((a, b) => target[b] - (current[b] ?? 0) - (target[a] - (current[a] ?? 0)));
    for (const key of keys) {
      if (current[key] === target[key]) continue;
      await this.client.execute(
        `set server ${this.settings.backend}/${this.settings.servers[key]} weight ${target[key]}`,
      );
    }
    await this.client.execute(
      [
        "experimental-mode on",
        `set var ${this.vars.version} int(${config.version})`,
        `set var ${this.vars.epoch} int(${config.epoch})`,
        `set var ${this.vars.weights} str(${encodeWeights(desired)})`,
        `set var ${this.vars.salt} str(${saltToken(config.salt)})`,
        `set var ${this.vars.rollout} str(${config.rolloutId ?? NO_ROLLOUT})`,
      ].join("; "),
    );

    const served = await this.serverWeights();
    if (!haproxyWeightsEqual(served, target)) {
      throw new RouterError(
        `HAProxy serves weights ${JSON.stringify(served)}, expected ${JSON.stringify(target)}`,
        "mismatch",
      );
    }
    const after = await this.readVars();
    if (Number(after[this.vars.version]) !== config.version) {
      throw new RouterError(
        `HAProxy holds version ${after[this.vars.version]}, expected ${config.version}`,
        "mismatch",
      );
    }
  }

  /** Basis points for every configured server; kill switch → all to the champion. */
  private desiredBasisPoints(config: RoutingConfig): Weights {
    if (config.rules.length > 0)
      throw invalid("HAProxy adapter does not support targeting rules; use the built-in router");
    if (config.mirror) throw invalid("HAProxy adapter does not support shadow mirroring; use the built-in router");
    const champion = config.variants.find((v) => v.role === "champion");
    if (!champion) throw invalid("config has no champion variant");
    const source: Weights = config.killSwitch ? { [champion.key]: TOTAL_BASIS_POINTS } : config.weights;
    let sum = 0;
    for (const [key, w] of Object.entries(source)) {
      if (!Number.isInteger(w) || w < 0 || w > TOTAL_BASIS_POINTS)
        throw invalid(`weight of ${key} must be an integer 0..10000`);
      if (!config.variants.some((v) => v.key === key)) throw invalid(`weight for unknown variant ${key}`);
      if (w > 0 && !this.settings.servers[key]) throw invalid(`no HAProxy server configured for variant ${key}`);
      sum += w;
    }
    if (sum !== TOTAL_BASIS_POINTS) throw invalid(`weights sum to ${sum}, expected ${TOTAL_BASIS_POINTS}`);
    return Object.fromEntries(Object.keys(this.settings.servers).map((k) => [k, source[k] ?? 0]));
  }

  private restrict(w: Weights): Weights {
    return Object.fromEntries(Object.keys(this.settings.servers).map((k) => [k, w[k] ?? 0]));
  }

  private async states(): Promise<ServerState[]> {
    return parseServersState(await this.client.query(`show servers state ${this.settings.backend}`));
  }

  /** Live HAProxy weight per variant key; throws "refused" when a configured server is missing. */
  private async serverWeights(): Promise<Weights> {
    const states = await this.states();
    const out: Weights = {};
    for (const [key, name] of Object.entries(this.settings.servers)) {
      const s = states.find((st) => st.name === name);
      if (!s)
        throw new RouterError(`No such server ${this.settings.backend}/${name} (variant ${key})`, "refused", false);
      out[key] = s.weight;
    }
    return out;
  }

  private async readVars(): Promise<Record<string, string>> {
    return parseVars(
      await this.client.send(
        [this.vars.version, this.vars.epoch, this.vars.weights].map((v) => `get var ${v}`).join("; "),
      ),
    );
  }
}

export function createHaproxyAdapter(target: RouterTarget): RouterAdapter {
  return new HaproxyAdapter(target);
}

const SAFE = /^[A-Za-z0-9_.:-]+$/;

function invalid(message: string) {
  return new RouterError(message, "invalid_config", false);
}

// `set var` has no quoting: no spaces, commas or parentheses. Variant keys are [A-Za-z0-9_.-].
function encodeWeights(w: Weights): string {
  return Object.entries(w)
    .map(([k, v]) => {
      if (!/^[A-Za-z0-9_.-]+$/.test(k)) throw invalid(`variant key "${k}" must match [A-Za-z0-9_.-]`);
      return `${k}=${v}`;
    })
    .join("&");
}

function decodeWeights(s: string | undefined): Weights | null {
  if (!s) return null;
  const w: Weights = {};
  for (const part of s.split("&")) {
    const m = /^([A-Za-z0-9_.-]+)=(\d+)$/.exec(part);
    if (!m) return null;
    w[m[1]] = Number(m[2]);
  }
  return w;
}

/** The salt as HAProxy can carry it: kept when plain, else a stable hex digest. */
function saltToken(salt: string): string {
  if (/^[A-Za-z0-9_.:-]{1,64}$/.test(salt)) return salt;
  let h = 0x811c9dc5;
  for (const c of Buffer.from(salt, "utf8")) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return `h${h.toString(16)}`;
}

function describeState(s: ServerState) {
  const op = ["stopped", "starting", "running", "stopping"][s.opState] ?? `op ${s.opState}`;
  return `${s.name} ${s.adminState & 0x03 ? "maint" : op}`;
}
