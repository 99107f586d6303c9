// Reads the Prisma schema's datamodel (DMMF) with Prisma's own schema parser (WebAssembly,
// works offline). Used by tooling and by the schema-agreement test.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}
export interface DmmfDatamodel {
  enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
  models: DmmfModel[];
  indexes: {
    model: string;
    type: "id" | "unique" | "normal" | "fulltext";
    dbName?: string;
    fields: { name: string }[];
  }[];
}

export function loadDatamodel(schemaDir = path.resolve(process.cwd(), "prisma/schema")): DmmfDatamodel {
  const require = createRequire(import.meta.url);
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  const files = fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => [path.join(schemaDir, f), fs.readFileSync(path.join(schemaDir, f), "utf8")]);
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: files }))).datamodel;
}
