// The HTTP client of the CLI: bearer token, JSON in and out, problem+json turned into a CliError
// whose exit code says what kind of failure it was.
import { CliError, EXIT, exitCodeForStatus } from "./exit-codes";
import type { Connection } from "./config";

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  invalidParams?: { name: string; reason: string }[];
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  constructor(
    readonly connection: Connection,
    private readonly options: { timeoutMs?: number; userAgent?: string } = {},
  ) {}

  get<T>(path: string, query?: Record<string, string | undefined>) {
    return this.request<T>("GET", withQuery(path, query));
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body);
  }
  patch<T>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T>(path: string) {
    return this.request<T>("DELETE", path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.raw<T>(method, path, body)).body;
  }

  /** The whole answer (status, headers, body); `binary` keeps the body as bytes. */
  async raw<T>(method: string, path: string, body?: unknown, binary = false): Promise<ApiResponse<T>> {
    const url = `${this.connection.server}${path}`;
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": this.options.userAgent ?? "switchyard-cli",
    };
    if (this.connection.token) headers.authorization = `Bearer ${this.connection.token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`Can't reach ${this.connection.server} (${why}).`, EXIT.unavailable, [
        "Is the server running? Pass --server or set SWITCHYARD_SERVER.",
      ]);
    }
    if (!res.ok) throw await problemError(res, this.connection.token !== null);
    if (binary) return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) as T };
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }
}

async function problemError(res: Response, hadToken: boolean): Promise<CliError> {
  let problem: Problem = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    problem = { detail: `${res.status} ${res.statusText}` };
  }
  const details = (problem.invalidParams ?? []).map((p) => `${p.name}: ${p.reason}`);
  if (res.status === 401)
    details.push(hadToken ? "Your token was refused: run `switchyard login` again." : "Run `switchyard login` first.");
  if (problem.requestId) details.push(`request id ${problem.requestId}`);
  return new CliError(problem.detail ?? problem.title ?? `HTTP ${res.status}`, exitCodeForStatus(res.status), details);
}

function withQuery(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
