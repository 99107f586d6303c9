#!/usr/bin/env node
// The `switchyard` executable (package.json "bin"): loads the TypeScript CLI through tsx, which
// the repository already depends on, so it runs from a checkout with no build step. The
// repository's tsconfig is named explicitly: its "@/..." paths must resolve from any directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
