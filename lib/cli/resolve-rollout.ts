// A rollout named on the command line: its id, or its name (the newest unfinished one of that
// name, else the newest), optionally narrowed to a system.
import type { ApiRollout, ApiRolloutRow } from "./api-types";
import type { CliContext } from "./context";
import { CliError, EXIT } from "./exit-codes";

const TERMINAL = new Set(["completed", "aborted", "rolled_back"]);

export async function resolveRollout(ctx: CliContext, ref: string, system?: string): Promise<ApiRollout> {
  if (/^c[a-z0-9]{20,30}$/.test(ref)) {
    try {
      return await getRollout(ctx, ref);
    } catch (error) {
      if (!(error instanceof CliError) || error.code !== EXIT.notFound) throw error;
    }
  }
  const { rollouts } = await ctx.client.get<{ rollouts: ApiRolloutRow[] }>("/api/v1/rollouts", { system });
  const named = rollouts.filter((r) => r.name === ref);
  const pick = named.find((r) => !TERMINAL.has(r.status)) ?? named[0];
  if (!pick)
    throw new CliError(`No rollout named “${ref}”${system ? ` on ${system}` : ""}.`, EXIT.notFound, [
      "`switchyard rollouts list` shows them.",
    ]);
  return getRollout(ctx, pick.id);
}

export async function getRollout(ctx: CliContext, id: string): Promise<ApiRollout> {
  return (await ctx.client.get<{ rollout: ApiRollout }>(`/api/v1/rollouts/${encodeURIComponent(id)}`)).rollout;
}
