// `switchyard`: the command line over /api/v1. Every command has --json for scripts; exit codes
// are listed in exit-codes.ts and docs/cli.md.
import { Command, CommanderError } from "commander";
import { registerApply } from "./commands/apply";
import { registerGovernance } from "./commands/governance";
import { registerLogin } from "./commands/login";
import { registerRecords } from "./commands/records";
import { registerRollouts } from "./commands/rollouts";
import { registerSlots } from "./commands/slots";
import { CLI_VERSION } from "./context";
import { CliError, EXIT } from "./exit-codes";
import { colorWanted, createOutput } from "./output";

export function buildProgram(): Command {
  const program = new Command("switchyard")
    .description("Drive Switchyard rollouts from a terminal or a pipeline.")
    .version(CLI_VERSION)
    .option("--server <url>", "Switchyard's address (default: the one you logged in to, or $SWITCHYARD_SERVER)")
    .option("--token <token>", "API token (default: yours from `switchyard login`, or $SWITCHYARD_TOKEN)")
    .option("--json", "print the API's JSON answer instead of the human view")
    .option("--no-color", "no colours (also: NO_COLOR=1)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerLogin(program);
  registerRollouts(program);
  registerApply(program);
  registerGovernance(program);
  registerRecords(program);
  registerSlots(program);
  program.commands.forEach(function exitOverride(cmd) {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverride);
  });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const json = argv.includes("--json");
    const out = createOutput({
      json: false,
      color: colorWanted(!argv.includes("--no-color"), process.env, process.stderr.isTTY),
      stdout: process.stderr,
    });
    if (error instanceof CliError) {
      if (json)
        process.stdout.write(
          `${JSON.stringify({ error: error.message, details: error.details, exitCode: error.code })}\n`,
        );
      out.say(`${out.c.red("✗")} ${error.message}`);
      for (const d of error.details) out.say(out.c.dim(`  ${d}`));
      return error.code;
    }
    out.say(`${out.c.red("✗")} ${(error as Error).stack ?? String(error)}`);
    return EXIT.unavailable;
  }
}
