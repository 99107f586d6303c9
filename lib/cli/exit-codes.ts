// Exit codes a pipeline can branch on. Stable: documented in docs/cli.md and tested.
export const EXIT = {
  ok: 0,
  /** `diff`: the spec would change something (like `diff` and `kubectl diff`). */
  changes: 1,
  /** Bad flags, a missing argument, or a spec file that isn't valid. */
  usage: 2,
  /** Not signed in, or the token is invalid, revoked or expired (401). */
  unauthorized: 3,
  /** Signed in, but the role or token may not do this (403). */
  forbidden: 4,
  /** No such rollout, request, record... (404). */
  notFound: 5,
  /** Refused by the rollout's state or a concurrent change (409, 412). */
  refused: 6,
  /** The server refused the input (400), field by field. */
  invalid: 7,
  /** `watch`: the rollout was rolled back. */
  rolledBack: 10,
  /** `watch`: the rollout was aborted. */
  aborted: 11,
  /** `watch --timeout`: time ran out before the rollout got where it was asked to. */
  timedOut: 12,
  /** `audit verify`: the audit chain has been tampered with. */
  tampered: 13,
  /** The server can't be reached, or answered 5xx. */
  unavailable: 69,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports in one line (plus details) and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ExitCode,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function exitCodeForStatus(status: number): ExitCode {
  if (status === 400 || status === 413 || status === 415) return EXIT.invalid;
  if (status === 401) return EXIT.unauthorized;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 412 || status === 429) return EXIT.refused;
  return EXIT.unavailable;
}
