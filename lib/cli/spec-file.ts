// Reads a rollout spec (YAML or JSON; "-" is stdin) and checks it before anything is sent, so a
// typo is reported with its path and the exit code for usage errors.
import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { rolloutSpecSchema } from "../rollouts/rollout-spec";
import { CliError, EXIT } from "./exit-codes";

export function readDocument(file: string): unknown {
  let text: string;
  try {
    text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Can't read ${file}: ${(error as Error).message}`, EXIT.usage);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(error as Error).message}`, EXIT.usage);
  }
}

export function isSpec(doc: unknown): boolean {
  return typeof doc === "object" && doc !== null && "apiVersion" in doc;
}

/** The spec as written (sent as is; the server applies the same schema and defaults). */
export function readSpec(file: string): Record<string, unknown> {
  const doc = readDocument(file);
  const parsed = rolloutSpecSchema.safeParse(doc);
  if (!parsed.success)
    throw new CliError(
      `${file} is not a valid rollout spec.`,
      EXIT.usage,
      parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`),
    );
  return doc as Record<string, unknown>;
}
