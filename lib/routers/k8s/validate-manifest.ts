// Validates a generated manifest against the real CRD schema it targets, the way the API server
// would with fieldValidation=Strict: structural schema, formats, list uniqueness and the CEL rules
// cel-rules.ts can evaluate. The CRDs are the upstream files in ./crds (provenance in
// crds/SOURCES.md); set SWITCHYARD_CRD_DIR to point elsewhere.
import fs from "node:fs";
import path from "node:path";
import { Ajv, type SchemaValidateFunction, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { RouterError } from "@/lib/routers/types";
import { evaluateCelRule } from "./cel-rules";
import { KNOWN_FORMATS, openApiToAjv } from "./openapi-to-ajv";
import type { KubeObject } from "./kube-object";

/** The pinned CRDs in this repository (lib/routers/k8s/crds), unless SWITCHYARD_CRD_DIR says otherwise. */
export const DEFAULT_CRD_DIR = process.env.SWITCHYARD_CRD_DIR ?? path.resolve(process.cwd(), "lib/routers/k8s/crds");

export interface ManifestValidation {
  valid: boolean;
  /** "path: message" strings, empty when valid. */
  errors: string[];
  /** CEL rules met on the way that have no translation, so were not checked. */
  skippedRules: string[];
}

export interface ValidateOptions {
  crdDir?: string;
  /** Validate against a version the CRD defines but does not serve (the API server would 404). */
  allowUnservedVersion?: boolean;
}

interface CrdVersion {
  name: string;
  served: boolean;
  schema: Record<string, unknown>;
}
interface Crd {
  group: string;
  kind: string;
  versions: CrdVersion[];
}

const crdCache = new Map<string, Crd[]>();
const validatorCache = new Map<string, ValidateFunction>();
let skipped = new Set<string>();

/** Validates one manifest object (already parsed) against its CRD. Never throws for bad input. */
export function validateManifest(manifest: unknown, opts: ValidateOptions = {}): ManifestValidation {
  const m = manifest as { apiVersion?: unknown; kind?: unknown };
  if (!m || typeof m !== "object" || typeof m.apiVersion !== "string" || typeof m.kind !== "string") {
    return { valid: false, errors: ["manifest must be an object with string apiVersion and kind"], skippedRules: [] };
  }
  const [group, version] = m.apiVersion.includes("/") ? m.apiVersion.split("/") : ["", m.apiVersion];
  const crd = loadCrds(opts.crdDir ?? DEFAULT_CRD_DIR).find((c) => c.group === group && c.kind === m.kind);
  if (!crd) return { valid: false, errors: [`no CRD for ${m.kind}.${group}`], skippedRules: [] };
  const v = crd.versions.find((x) => x.name === version);
  if (!v) return { valid: false, errors: [`${m.kind}.${group} has no version ${version}`], skippedRules: [] };
  if (!v.served && !opts.allowUnservedVersion) {
    return { valid: false, errors: [`${m.kind}.${group}/${version} is not served by this CRD`], skippedRules: [] };
  }
  const validate = compiled(crd, v, m.apiVersion);
  skipped = new Set();
  // Validate a copy: Ajv applies the CRD defaults (as the API server does before validation).
  const ok = validate(structuredClone(manifest));
  const errors = ok
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message}${paramsText(e.params)}`);
  return { valid: !!ok, errors: dedupe(errors), skippedRules: [...skipped] };
}

/** Throws RouterError("invalid_config") listing the schema errors. */
export function assertValidManifest(manifest: unknown, opts?: ValidateOptions): void {
  const r = validateManifest(manifest, opts);
  if (!r.valid) {
    const m = manifest as { kind?: string; metadata?: { name?: string } };
    throw new RouterError(
      `${m?.kind ?? "manifest"} ${m?.metadata?.name ?? ""} fails its CRD schema: ${r.errors.slice(0, 5).join("; ")}`,
      "invalid_config",
    );
  }
}

/** The served versions of group/kind in the CRD dir, for adapters that want to check early. */
export function servedVersions(group: string, kind: string, crdDir = DEFAULT_CRD_DIR): string[] {
  const crd = loadCrds(crdDir).find((c) => c.group === group && c.kind === kind);
  return crd ? crd.versions.filter((v) => v.served).map((v) => v.name) : [];
}

function loadCrds(dir: string): Crd[] {
  const cached = crdCache.get(dir);
  if (cached) return cached;
  const crds: Crd[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".crd.yaml"))
    .sort()) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"))) {
      const d = doc.toJS({ maxAliasCount: -1 }) as KubeObject | null;
      if (d?.kind !== "CustomResourceDefinition") continue;
      crds.push({
        group: d.spec.group,
        kind: d.spec.names.kind,
        versions: (d.spec.versions ?? []).map((v: KubeObject) => ({
          name: v.name,
          served: v.served !== false,
          schema: v.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        })),
      });
    }
  }
  crdCache.set(dir, crds);
  return crds;
}

function compiled(crd: Crd, v: CrdVersion, apiVersion: string): ValidateFunction {
  const key = `${apiVersion}/${crd.kind}`;
  let fn = validatorCache.get(key);
  if (!fn) {
    fn = makeAjv().compile(openApiToAjv(v.schema, { apiVersion, kind: crd.kind }));
    validatorCache.set(key, fn);
  }
  return fn;
}

function makeAjv(): Ajv {
  // unicodeRegExp off: CRD patterns are Go RE2 and use escapes (\-) that the `u` flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, unicodeRegExp: false, formats: {} });
  const formats: Record<string, (x: unknown) => boolean> = {
    int32: (x) => typeof x === "number" && Number.isInteger(x) && x >= -2147483648 && x <= 2147483647,
    int64: (x) => Number.isSafeInteger(x),
    float: (x) => typeof x === "number",
    double: (x) => typeof x === "number",
    byte: (x) => typeof x === "string" && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(x),
    "date-time": (x) =>
      typeof x === "string" && /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(x),
    date: (x) => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x),
  };
  for (const f of KNOWN_FORMATS) {
    if (["int32", "int64", "float", "double"].includes(f)) ajv.addFormat(f, { type: "number", validate: formats[f] });
    else ajv.addFormat(f, { type: "string", validate: formats[f] });
  }
  ajv.addKeyword({
    keyword: "x-k8s-list-map-keys",
    type: "array",
    errors: true,
    validate: function listMap(keys: string[], data: KubeObject[]) {
      const seen = new Set(data.map((item) => JSON.stringify(keys.map((k) => item?.[k] ?? null))));
      if (seen.size === data.length) return true;
      (listMap as SchemaValidateFunction).errors = [
        { keyword: "x-k8s-list-map-keys", message: `duplicate entries for map keys [${keys.join(",")}]`, params: {} },
      ];
      return false;
    },
  });
  ajv.addKeyword({
    keyword: "x-kubernetes-validations",
    errors: true,
    validate: function cel(rules: Array<{ rule: string; message?: string }>, data: unknown) {
      const failed: string[] = [];
      for (const r of rules) {
        const ok = evaluateCelRule(r.rule, data);
        if (ok === undefined) skipped.add(r.rule);
        else if (!ok) failed.push(r.message ?? `failed rule: ${r.rule}`);
      }
      if (failed.length === 0) return true;
      (cel as SchemaValidateFunction).errors = failed.map((message) => ({
        keyword: "x-kubernetes-validations",
        message,
        params: {},
      }));
      return false;
    },
  });
  return ajv;
}

function paramsText(p: Record<string, unknown>): string {
  if (p && "additionalProperty" in p) return ` (${String(p.additionalProperty)})`;
  if (p && "allowedValues" in p) return ` (${JSON.stringify(p.allowedValues)})`;
  return "";
}
function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
