// A minimal client for the HAProxy Runtime API (the "stats socket" CLI, management guide §9.3).
// One connection per command, in non-interactive mode: HAProxy answers and closes, so there is no
// prompt parsing and no state shared between commands. Errors are RouterErrors: a socket that
// can't be reached is "unreachable", a silent one "timeout", a command HAProxy rejects "refused".
import net from "node:net";
import { RouterError } from "./types";

export type RuntimeAddress = { kind: "tcp"; host: string; port: number } | { kind: "unix"; path: string };

/** Accepts `unix:/run/haproxy.sock`, `tcp://127.0.0.1:9999`, `ipv4@127.0.0.1:9999` or `host:port`. */
export function parseRuntimeEndpoint(endpoint: string): RuntimeAddress {
  const e = endpoint.trim();
  if (e.startsWith("unix:")) {
    const path = e.slice("unix:".length).replace(/^\/\/(?=\/)/, "");
    if (!path.startsWith("/"))
      throw new RouterError(`HAProxy endpoint ${endpoint}: unix socket path must be absolute`, "invalid_config");
    return { kind: "unix", path };
  }
  const hostPort = e
    .replace(/^tcp:\/\//, "")
    .replace(/^ipv4@/, "")
    .replace(/\/$/, "");
  const m = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(hostPort);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new RouterError(`HAProxy endpoint ${endpoint}: expected unix:/path or tcp://host:port`, "invalid_config");
  }
  return { kind: "tcp", host: m[1], port: Number(m[2]) };
}

// HAProxy 2.6 wording of the answers that mean "not done". Set commands answer nothing on success,
// so for them any text at all is a refusal; these patterns catch refusals of read commands too.
const REFUSALS = [
  /^No such (server|backend|frontend)/m,
  /^Can't find (backend|server|frontend)/m,
  /^Unknown command/m,
  /^Permission denied/m,
  /restricted to experimental mode/m,
  /^Require '\w+' level/m,
  /^Absolute weight can only be/m,
  /static LB algorithm/m,
  /^Invalid /m,
];

export class HaproxyRuntimeClient {
  readonly address: RuntimeAddress;

  constructor(
    endpoint: string | RuntimeAddress,
    readonly timeoutMs = 2_000,
  ) {
    this.address = typeof endpoint === "string" ? parseRuntimeEndpoint(endpoint) : endpoint;
  }

  /** Send one command line (`;` separates several) and return HAProxy's whole answer. */
  send(command: string): Promise<string> {
    if (/[\r\n]/.test(command)) throw new RouterError("HAProxy command must be a single line", "invalid_config");
    return new Promise<string>((resolve, reject) => {
      const socket =
        this.address.kind === "unix"
          ? net.createConnection({ path: this.address.path })
          : net.createConnection({ host: this.address.host, port: this.address.port });
      const chunks: Buffer[] = [];
      let connected = false;
      let settled = false;
      const finish = (err: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve(Buffer.concat(chunks).toString("utf8"));
      };
      const timer = setTimeout(
        () =>
          finish(
            new RouterError(
              `HAProxy runtime API ${this.describe()} did not answer "${verb(command)}" within ${this.timeoutMs} ms`,
              "timeout",
            ),
          ),
        this.timeoutMs,
      );
      socket.on("connect", () => {
        connected = true;
        socket.end(`${command}\n`);
      });
      socket.on("data", (c) => chunks.push(c));
      socket.on("end", () => finish(null));
      socket.on("close", () => finish(null));
      socket.on("error", (err: NodeJS.ErrnoException) => {
        if (connected && chunks.length > 0) return finish(null);
        finish(
          new RouterError(
            `HAProxy runtime API ${this.describe()} unreachable: ${err.code ?? err.message}`,
            "unreachable",
          ),
        );
      });
    });
  }

  /** Run a read command; throws "refused" when HAProxy answers with an error. */
  async query(command: string): Promise<string> {
    const out = await this.send(command);
    assertAccepted(command, out, false);
    return out;
  }

  /** Run a write command; HAProxy answers nothing on success, so any text is a refusal. */
  async execute(command: string): Promise<void> {
    assertAccepted(command, await this.send(command), true);
  }

  describe(): string {
    return this.address.kind === "unix" ? `unix:${this.address.path}` : `${this.address.host}:${this.address.port}`;
  }
}

/** One server line of `show servers state <backend>` (format version 1). */
export interface ServerState {
  backend: string;
  name: string;
  address: string;
  /** 0 stopped, 1 starting, 2 running, 3 stopping */
  opState: number;
  /** Bit mask: 0x01 forced maintenance, 0x02 inherited maintenance, 0x08 forced drain ... */
  adminState: number;
  /** Current (user-set) weight, what `set server ... weight` changes. */
  weight: number;
  initialWeight: number;
  port: number | null;
}

export function parseServersState(out: string): ServerState[] {
  const lines = out
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const header = lines.find((l) => l.startsWith("#"));
  if (!header) throw new RouterError(`unexpected "show servers state" answer: ${out.slice(0, 200)}`, "refused");
  const cols = header.slice(1).trim().split(/\s+/);
  const at = (name: string) => cols.indexOf(name);
  const states: ServerState[] = [];
  for (const line of lines) {
    if (line.startsWith("#") || /^\d+$/.test(line)) continue;
    const f = line.split(/\s+/);
    const port = Number(f[at("srv_port")]);
    states.push({
      backend: f[at("be_name")],
      name: f[at("srv_name")],
      address: f[at("srv_addr")],
      opState: Number(f[at("srv_op_state")]),
      adminState: Number(f[at("srv_admin_state")]),
      weight: Number(f[at("srv_uweight")]),
      initialWeight: Number(f[at("srv_iweight")]),
      port: Number.isFinite(port) ? port : null,
    });
  }
  return states;
}

/** Values of `get var` answers in one (possibly `;`-joined) output, by variable name. */
export function parseVars(out: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of out.matchAll(/^([\w.]+): type=\w+ value=<(.*)>$/gm)) vars[m[1]] = m[2];
  return vars;
}

/** `show info` as a map of `Name: value` lines. */
export function parseInfo(out: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) info[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return info;
}

function assertAccepted(command: string, out: string, expectEmpty: boolean) {
  const text = out.trim();
  const refusal = REFUSALS.some((re) => re.test(text));
  if (refusal || (expectEmpty && text !== "")) {
    throw new RouterError(`HAProxy refused "${command}": ${text.split("\n")[0]}`, "refused", false);
  }
}

function verb(command: string) {
  return command.split(/\s+/).slice(0, 3).join(" ");
}
