#!/usr/bin/env node
// The `switchyard` executable (package.json "bin"): loads the TypeScript CLI through tsx, which
// the repository already depends on, so it runs from a checkout with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
