// NGINX adapter: owns one http-level file (rendered by nginx-render.ts), validates it with the
// real binary, swaps it in atomically and reloads gracefully; read-back asks the *running* nginx
// (a status location returning $<upstreamName>_config), so it reports what is served, not what is
// on disk.
//
// apply(): fence on the file's header (epoch, version) → write <configPath>.tmp → keep the current
// file as <configPath>.prev → rename tmp into place → `nginx -t` against the main config; if that
// fails, rename .prev back (nothing was reloaded, so nginx keeps serving the old config) and throw
// invalid_config (not retryable). Otherwise reload (SIGHUP to the master pid, or the controller's
// SWITCHYARD_NGINX_RELOAD_COMMAND, or `nginx -s reload`) and poll the status URL until the new version is served twice in a row. A
// reload nginx rejects at runtime (e.g. a port it can't bind) shows up as "timeout".
// Applies are serialized per adapter instance; run one adapter per nginx.
//
// What runs on the controller's host (the nginx binary, a reload command) comes from the
// controller's own environment (nginxHostConfig), never from router settings: settings are data an
// admin types into the database, and must not choose a program to execute.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile, copyFile } from "node:fs/promises";
import http from "node:http";
import {
  NginxRenderError,
  nginxServedWeights,
  parseNginxHeader,
  renderNginxConfig,
  type NginxFileHeader,
} from "./nginx-render";
import {
  RouterError,
  weightsEqual,
  type AppliedState,
  type RouterAdapter,
  type RouterHealthReport,
  type RouterTarget,
  type RoutingConfig,
} from "./types";

/** nginx's master waits 100 ms (ngx_msleep in the reconfigure path) before stopping old workers. */
const OLD_WORKERS_SETTLE_MS = 250;

export interface NginxSettings {
  /** The file this adapter owns, included inside `http { }` of the main config. */
  configPath: string;
  /** nginx.conf used for `nginx -t` and `nginx -s reload` (-c). */
  mainConfigPath: string;
  /** Prefix of upstream group and variable names. */
  upstreamName: string;
  /** URL of the status location served by the running config (see renderNginxLocations). */
  statusUrl: string;
  /** Master pid file: reload by SIGHUP, health by liveness. */
  pidFile?: string;
  /** -p prefix */
  prefix?: string;
  /** How long to wait for the reloaded config to be served (default 10 000 ms). */
  reloadTimeoutMs?: number;
  /** Directives added to each upstream block, e.g. ["keepalive 16"]. */
  upstreamDirectives?: string[];
}

/** What the controller runs for NGINX: its own configuration, not router settings. */
export interface NginxHostConfig {
  /** The nginx binary (SWITCHYARD_NGINX_BINARY, default /usr/sbin/nginx). */
  binary: string;
  /** argv run instead of SIGHUP / `nginx -s reload` (SWITCHYARD_NGINX_RELOAD_COMMAND, a JSON array
   * such as ["systemctl","reload","nginx"]). */
  reloadCommand?: string[];
}

/** Settings keys that once chose a program to run; refused with the reason. */
export const NGINX_HOST_ONLY_SETTINGS = ["nginxBinary", "reloadCommand"] as const;

/** The controller's NGINX host configuration from its environment. */
export function nginxHostConfig(env: Record<string, string | undefined> = process.env): NginxHostConfig {
  const binary = env.SWITCHYARD_NGINX_BINARY?.trim() || "/usr/sbin/nginx";
  const raw = env.SWITCHYARD_NGINX_RELOAD_COMMAND?.trim();
  if (!raw) return { binary };
  let argv: unknown;
  try {
    argv = JSON.parse(raw);
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === "string" && a !== ""))
    throw invalid(
      'SWITCHYARD_NGINX_RELOAD_COMMAND must be a JSON array of strings, e.g. ["systemctl","reload","nginx"]',
    );
  return { binary, reloadCommand: argv as string[] };
}

export function parseNginxSettings(s: Record<string, unknown>): NginxSettings {
  for (const key of NGINX_HOST_ONLY_SETTINGS)
    if (key in s)
      throw invalid(
        `settings.${key} is not a router setting: the controller's environment sets it (SWITCHYARD_NGINX_${key === "nginxBinary" ? "BINARY" : "RELOAD_COMMAND"})`,
      );
  const str = (k: string, required: boolean) => {
    const v = s[k];
    if (v === undefined && !required) return undefined;
    if (typeof v !== "string" || v === "") throw invalid(`settings.${k} must be a non-empty string`);
    return v;
  };
  const list = (k: string) => {
    const v = s[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
      throw invalid(`settings.${k} must be an array of strings`);
    return v as string[];
  };
  const timeout = s.reloadTimeoutMs;
  if (timeout !== undefined && (typeof timeout !== "number" || timeout <= 0))
    throw invalid("settings.reloadTimeoutMs must be > 0");
  const statusUrl = str("statusUrl", true)!;
  if (!/^http:\/\//.test(statusUrl)) throw invalid("settings.statusUrl must be an http:// URL");
  return {
    configPath: str("configPath", true)!,
    mainConfigPath: str("mainConfigPath", true)!,
    upstreamName: str("upstreamName", true)!,
    statusUrl,
    pidFile: str("pidFile", false),
    prefix: str("prefix", false),
    reloadTimeoutMs: timeout as number | undefined,
    upstreamDirectives: list("upstreamDirectives"),
  };
}

export class NginxAdapter implements RouterAdapter {
  readonly kind = "nginx" as const;
  readonly settings: NginxSettings;
  readonly host: NginxHostConfig;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(target: Pick<RouterTarget, "settings">, host: NginxHostConfig = nginxHostConfig()) {
    this.settings = parseNginxSettings(target.settings);
    this.host = host;
  }

  apply(config: RoutingConfig): Promise<void> {
    const run = this.queue.then(() => this.applyNow(config));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** What the running nginx serves, from its status location. */
  async readBack(): Promise<AppliedState> {
    const served = await this.served();
    return { version: served.version, weights: served.weights };
  }

  async health(): Promise<RouterHealthReport> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const pid = await this.masterPid();
    if (pid !== null && !alive(pid))
      return { status: "down", detail: `nginx master ${pid} is not running`, latencyMs: ms() };
    try {
      const served = await this.served(2_000);
      const onDisk = await this.fileHeader();
      if (onDisk && onDisk.version !== served.version) {
        return {
          status: "degraded",
          detail: `serving version ${served.version}, file has ${onDisk.version} (reload pending or failed)`,
          latencyMs: ms(),
        };
      }
      return {
        status: "healthy",
        detail: `serving version ${served.version}${pid ? `, master ${pid}` : ""}`,
        latencyMs: ms(),
      };
    } catch (err) {
      return { status: "down", detail: err instanceof Error ? err.message : String(err), latencyMs: ms() };
    }
  }

  private async applyNow(config: RoutingConfig) {
    const s = this.settings;
    let text: string;
    try {
      text = renderNginxConfig(config, { upstreamName: s.upstreamName, upstreamDirectives: s.upstreamDirectives });
    } catch (err) {
      if (err instanceof NginxRenderError) throw invalid(err.message);
      throw err;
    }
    const previous = await readFile(s.configPath, "utf8").catch(() => null);
    const current = previous ? parseNginxHeader(previous) : null;
    if (current && config.epoch < current.epoch)
      throw new RouterError(`epoch ${config.epoch} < ${current.epoch} already applied to nginx`, "stale_epoch", false);
    if (current && config.version < current.version)
      throw new RouterError(`version ${config.version} < ${current.version} applied to nginx`, "stale_version", false);

    const expected = { version: config.version, epoch: config.epoch, weights: nginxServedWeights(config) };
    if (text !== previous || !(await this.isServing(expected))) {
      await this.install(text, previous);
      await this.reload();
      await this.waitUntilServed(expected, performance.now() + OLD_WORKERS_SETTLE_MS);
    } else {
      await this.waitUntilServed(expected, 0);
    }
  }

  /** Swap the new file in, validate with nginx -t, restore the previous file if it fails. */
  private async install(text: string, previous: string | null) {
    const s = this.settings;
    const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
    const tmp = `${s.configPath}.tmp-${suffix}`;
    const prev = `${s.configPath}.prev`;
    await writeFile(tmp, text, { flush: true });
    if (previous !== null) await copyFile(s.configPath, prev);
    await rename(tmp, s.configPath);
    const test = await run(this.binary(), ["-t", "-q", ...this.globalArgs()], 30_000);
    if (test.code !== 0) {
      if (previous !== null) await rename(prev, s.configPath);
      else await unlink(s.configPath).catch(() => undefined);
      const why = test.output
        .split("\n")
        .filter((l) => /emerg|alert|crit|error|failed/i.test(l))
        .slice(0, 3)
        .join("; ");
      throw new RouterError(
        `nginx rejected the rendered config: ${why || test.output.trim() || `exit ${test.code}`}`,
        "invalid_config",
        false,
      );
    }
  }

  private async reload() {
    const command = this.host.reloadCommand;
    if (command?.length) {
      const r = await run(command[0]!, command.slice(1), 30_000);
      if (r.code !== 0) throw new RouterError(`reload command failed (${r.code}): ${r.output.trim()}`, "refused");
      return;
    }
    const pid = await this.masterPid();
    if (pid !== null) {
      try {
        process.kill(pid, "SIGHUP");
        return;
      } catch (err) {
        throw new RouterError(`cannot signal nginx master ${pid}: ${(err as Error).message}`, "unreachable");
      }
    }
    const r = await run(this.binary(), ["-s", "reload", ...this.globalArgs()], 30_000);
    if (r.code !== 0) throw new RouterError(`nginx -s reload failed: ${r.output.trim()}`, "unreachable");
  }

  /**
   * Poll until the new config is served and the old workers can no longer take new connections:
   * on reload the nginx master starts new workers, sleeps 100 ms, and only then tells the old ones
   * to stop accepting, so a fresh connection may still reach the old config until then. We need
   * the new version twice in a row, the second time after `settledAt`.
   */
  private async waitUntilServed(expected: NginxFileHeader, settledAt: number) {
    const deadline = performance.now() + (this.settings.reloadTimeoutMs ?? 10_000);
    let streak = 0;
    let last: unknown = null;
    while (performance.now() < deadline) {
      try {
        const served = await this.served(1_000);
        last = served;
        streak = sameState(served, expected) ? streak + 1 : 0;
        if (streak >= 2 && performance.now() >= settledAt) return;
      } catch (err) {
        last = err instanceof Error ? err.message : err;
        streak = 0;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const code = last && typeof last === "object" ? "mismatch" : "timeout";
    throw new RouterError(
      `nginx did not serve version ${expected.version} within ${this.settings.reloadTimeoutMs ?? 10_000} ms (last: ${JSON.stringify(last)}); see its error log`,
      code,
    );
  }

  private async isServing(expected: NginxFileHeader) {
    return this.served(1_000).then(
      (s) => sameState(s, expected),
      () => false,
    );
  }

  private async served(timeoutMs = 3_000): Promise<NginxFileHeader> {
    const body = await getFresh(this.settings.statusUrl, timeoutMs);
    try {
      const parsed = JSON.parse(body) as NginxFileHeader;
      if (typeof parsed.version !== "number" || typeof parsed.weights !== "object") throw new Error("missing fields");
      return parsed;
    } catch {
      throw new RouterError(
        `nginx status ${this.settings.statusUrl} did not return Switchyard config JSON: ${body.slice(0, 120)}`,
        "mismatch",
      );
    }
  }

  private async fileHeader(): Promise<NginxFileHeader | null> {
    return readFile(this.settings.configPath, "utf8").then(parseNginxHeader, () => null);
  }

  private async masterPid(): Promise<number | null> {
    if (!this.settings.pidFile) return null;
    const text = await readFile(this.settings.pidFile, "utf8").catch(() => null);
    const pid = text ? Number(text.trim()) : NaN;
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  private binary() {
    return this.host.binary;
  }

  private globalArgs() {
    const s = this.settings;
    return [...(s.prefix ? ["-p", s.prefix] : []), "-c", s.mainConfigPath];
  }
}

export function createNginxAdapter(target: RouterTarget): RouterAdapter {
  return new NginxAdapter(target);
}

function invalid(message: string) {
  return new RouterError(message, "invalid_config", false);
}

function sameState(a: NginxFileHeader, b: NginxFileHeader) {
  return a.version === b.version && a.epoch === b.epoch && weightsEqual(b.weights, a.weights);
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === "number"
          ? (err as { code: number }).code
          : 1
        : 0;
      resolve({ code, output: `${stdout}${stderr}${err && code === 1 && !stderr ? err.message : ""}` });
    });
  });
}

/** GET on a fresh connection, so an old worker's keep-alive connection can't answer. */
function getFresh(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs, headers: { connection: "close" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200)
          reject(new RouterError(`nginx status ${url} answered ${res.statusCode}`, "mismatch"));
        else resolve(body);
      });
      res.on("error", (e) => reject(new RouterError(`nginx status ${url}: ${e.message}`, "unreachable")));
    });
    req.on("timeout", () =>
      req.destroy(new RouterError(`nginx status ${url} timed out after ${timeoutMs} ms`, "timeout")),
    );
    req.on("error", (e: NodeJS.ErrnoException) =>
      reject(
        e instanceof RouterError
          ? e
          : new RouterError(`nginx status ${url} unreachable: ${e.code ?? e.message}`, "unreachable"),
      ),
    );
  });
}
