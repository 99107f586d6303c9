// What every command needs: the connection (flags > environment > stored login), the API client,
// and the output (colours, --json).
import type { Command } from "commander";
import { ApiClient } from "./client";
import { resolveConnection, type Connection } from "./config";
import { CliError, EXIT } from "./exit-codes";
import { colorWanted, createOutput, type Output } from "./output";

export interface GlobalOptions {
  server?: string;
  token?: string;
  json?: boolean;
  color?: boolean;
}

export interface CliContext {
  connection: Connection;
  client: ApiClient;
  out: Output;
}

export function contextOf(cmd: Command): CliContext {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const connection = resolveConnection({ server: opts.server, token: opts.token });
  return {
    connection,
    client: new ApiClient(connection, { userAgent: `switchyard-cli/${CLI_VERSION}` }),
    out: createOutput({ json: Boolean(opts.json), color: colorWanted(opts.color) }),
  };
}

/** Commands that act need a token; say how to get one instead of a bare 401. */
export function requireToken(ctx: CliContext): void {
  if (!ctx.connection.token)
    throw new CliError(`Not signed in to ${ctx.connection.server}.`, EXIT.unauthorized, [
      "Run `switchyard login`, or set SWITCHYARD_TOKEN.",
    ]);
}

export const CLI_VERSION = "1.0.0";
