// `npm run schemas`: writes the published JSON Schema of rollout specs (public/schemas/rollout-spec.v1.json,
// served at /schemas/rollout-spec.v1.json), derived from the zod schema in lib/rollouts/rollout-spec.ts and
// formatted like the rest of the repository. A unit test fails when the file is stale.
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { rolloutSpecJsonSchema } from "../rollouts/rollout-spec";

export const ROLLOUT_SPEC_SCHEMA_FILE = path.resolve(import.meta.dirname, "../../public/schemas/rollout-spec.v1.json");

export async function renderRolloutSpecSchema(): Promise<string> {
  const options = await prettier.resolveConfig(ROLLOUT_SPEC_SCHEMA_FILE);
  return prettier.format(JSON.stringify(rolloutSpecJsonSchema()), { ...options, parser: "json" });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(ROLLOUT_SPEC_SCHEMA_FILE, await renderRolloutSpecSchema());
  console.log(`wrote ${path.relative(process.cwd(), ROLLOUT_SPEC_SCHEMA_FILE)}`);
}
