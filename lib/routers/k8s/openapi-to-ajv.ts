// Converts a CRD's structural OpenAPI v3 schema into a JSON schema Ajv 8 (draft-07) compiles,
// keeping the Kubernetes semantics that matter for generated manifests:
// - unknown fields are errors (kubectl --validate=strict / fieldValidation=Strict), except under
//   x-kubernetes-preserve-unknown-fields;
// - x-kubernetes-int-or-string becomes integer|string; nullable adds "null";
// - x-kubernetes-list-type set/map become uniqueness checks; x-kubernetes-validations (CEL) go
//   to the `x-kubernetes-validations` keyword that cel-rules.ts evaluates;
// - formats: the ones Kubernetes checks are registered by the validator, unknown ones dropped.

/** Formats the validator registers; any other `format` is dropped, as the API server ignores it. */
export const KNOWN_FORMATS = ["int32", "int64", "float", "double", "byte", "date-time", "date"];

type Schema = Record<string, unknown>;

const DROPPED = new Set([
  "description",
  "example",
  "externalDocs",
  "x-kubernetes-map-type",
  "x-kubernetes-embedded-resource",
  "title",
]);

/** Pure: returns a new schema; `root` adds apiVersion/kind/metadata checks at the top level. */
export function openApiToAjv(schema: Schema, root?: { apiVersion: string; kind: string }): Schema {
  const out = convert(schema);
  if (root) {
    const props = { ...((out.properties as Record<string, Schema>) ?? {}) };
    props.apiVersion = { type: "string", const: root.apiVersion };
    props.kind = { type: "string", const: root.kind };
    props.metadata = OBJECT_META;
    out.properties = props;
    out.required = Array.from(new Set([...((out.required as string[]) ?? []), "apiVersion", "kind", "metadata"]));
    out.additionalProperties = false;
  }
  return out;
}

function convert(s: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (DROPPED.has(k)) continue;
    switch (k) {
      case "properties":
        out.properties = Object.fromEntries(
          Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, convert(ps)]),
        );
        break;
      case "items":
        out.items = Array.isArray(v) ? v.map((x) => convert(x as Schema)) : convert(v as Schema);
        break;
      case "additionalProperties":
        out.additionalProperties = typeof v === "boolean" ? v : convert(v as Schema);
        break;
      case "allOf":
      case "anyOf":
      case "oneOf":
        out[k] = (v as Schema[]).map(convert);
        break;
      case "not":
        out.not = convert(v as Schema);
        break;
      case "format":
        if (KNOWN_FORMATS.includes(v as string)) out.format = v;
        break;
      case "x-kubernetes-list-type":
        if (v === "set") out.uniqueItems = true;
        if (v === "map" && Array.isArray(s["x-kubernetes-list-map-keys"]))
          out["x-k8s-list-map-keys"] = s["x-kubernetes-list-map-keys"];
        break;
      case "x-kubernetes-list-map-keys":
      case "x-kubernetes-int-or-string":
      case "x-kubernetes-preserve-unknown-fields":
      case "nullable":
        break; // handled below
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        // OpenAPI 3.0 booleans -> draft-07 numbers
        if (v === true) out[k] = s[k === "exclusiveMinimum" ? "minimum" : "maximum"];
        else if (typeof v === "number") out[k] = v;
        break;
      default:
        out[k] = v;
    }
  }
  if (out.exclusiveMinimum !== undefined && s.exclusiveMinimum === true) delete out.minimum;
  if (out.exclusiveMaximum !== undefined && s.exclusiveMaximum === true) delete out.maximum;

  if (s["x-kubernetes-int-or-string"] === true && !out.anyOf && !out.oneOf) {
    delete out.type;
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  const preserve = s["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.type === "object" && out.properties && out.additionalProperties === undefined && !preserve) {
    out.additionalProperties = false;
  }
  if (s.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.anyOf) out.anyOf = [...(out.anyOf as Schema[]), { type: "null" }];
  }
  return out;
}

const DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
const QUALIFIED_NAME =
  "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
const LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

/** The subset of ObjectMeta a client may send, validated the way the API server does. */
const OBJECT_META: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 253, pattern: DNS_SUBDOMAIN },
    namespace: { type: "string", minLength: 1, maxLength: 63, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
    labels: {
      type: "object",
      propertyNames: { maxLength: 316, pattern: QUALIFIED_NAME },
      additionalProperties: { type: "string", maxLength: 63, pattern: LABEL_VALUE },
    },
    annotations: {
      type: "object",
      propertyNames: { maxLength: 316, pattern: QUALIFIED_NAME },
      additionalProperties: { type: "string" },
    },
    resourceVersion: { type: "string" },
    uid: { type: "string" },
    generation: { type: "integer" },
    creationTimestamp: { type: ["string", "null"] },
    deletionTimestamp: { type: "string" },
    deletionGracePeriodSeconds: { type: "integer" },
    finalizers: { type: "array", items: { type: "string" } },
    ownerReferences: { type: "array", items: { type: "object" } },
    managedFields: { type: "array", items: { type: "object" } },
    generateName: { type: "string" },
    selfLink: { type: "string" },
  },
};
