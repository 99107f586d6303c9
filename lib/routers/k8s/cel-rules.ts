// x-kubernetes-validations carry CEL rules that Ajv cannot run. Rather than ignore them, the
// rules that appear in the pinned CRDs (./crds) and touch what Switchyard generates are
// translated here by hand. A rule with no translation is reported as skipped by the validator,
// never silently passed, so a test can see which checks did not run.

import type { KubeObject } from "./kube-object";
type Obj = KubeObject;
/** A CEL rule's `self`: whatever JSON value the rule sits on (object, list, string...). */
type RuleFn = (self: Obj[keyof Obj]) => boolean;

const EXACT: Record<string, RuleFn> = {
  "duration(self) >= duration('1ms')": (s) => {
    const ms = goDurationMs(s);
    return ms !== null && ms >= 1;
  },
  'self.all(key, !key.contains("*"))': (s) => Object.keys(s ?? {}).every((k) => !k.includes("*")),
  "self.all(key, key.size() != 0)": (s) => Object.keys(s ?? {}).every((k) => k.length !== 0),
  '!self.contains("*")': (s) => typeof s !== "string" || !s.includes("*"),
  "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true": (s: Obj) =>
    (s.group ?? "") === "" && (s.kind ?? "Service") === "Service" ? s.port !== undefined : true,
  "!(has(self.percent) && has(self.fraction))": (s: Obj) => !(s.percent !== undefined && s.fraction !== undefined),
  "self.numerator <= self.denominator": (s: Obj) => s.numerator <= (s.denominator ?? 100),
  "(has(self.backendRefs) && size(self.backendRefs) > 0) ? (!has(self.filters) || self.filters.all(f, !has(f.requestRedirect))): true":
    (s: Obj) =>
      s.backendRefs?.length > 0 ? (s.filters ?? []).every((f: Obj) => f.requestRedirect === undefined) : true,
  "!(self.exists(f, f.type == 'RequestRedirect') && self.exists(f, f.type == 'URLRewrite'))": (s: Obj[]) =>
    !(s.some((f) => f.type === "RequestRedirect") && s.some((f) => f.type === "URLRewrite")),
  "self.type in ['Exact','PathPrefix'] || self.type == 'RegularExpression'": (s: Obj) =>
    ["Exact", "PathPrefix", "RegularExpression"].includes(pathType(s)),
  "!('*' in self && self.size() > 1)": (s: string[]) => !(s.includes("*") && s.length > 1),
};

/** Rules recognised by shape, e.g. the HTTPRoute filter type/field pairing. */
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => RuleFn]> = [
  [
    /^!\(has\(self\.(\w+)\) && self\.type != '(\w+)'\)$/,
    (m) => (s: Obj) => !(s[m[1]] !== undefined && s.type !== m[2]),
  ],
  [
    /^!\(!has\(self\.(\w+)\) && self\.type == '(\w+)'\)$/,
    (m) => (s: Obj) => !(s[m[1]] === undefined && s.type === m[2]),
  ],
  [
    /^self\.filter\(f, f\.type == '(\w+)'\)\.size\(\) <= 1$/,
    (m) => (s: Obj[]) => s.filter((f) => f.type === m[1]).length <= 1,
  ],
  [
    /^self\.type == '(\w+)' \? has\(self\.(\w+)\) : true$/,
    (m) => (s: Obj) => (s.type === m[1] ? s[m[2]] !== undefined : true),
  ],
  [
    /^has\(self\.(\w+)\) \? self\.type == '(\w+)' : true$/,
    (m) => (s: Obj) => (s[m[1]] !== undefined ? s.type === m[2] : true),
  ],
  [
    /^\(self\.type in \['Exact','PathPrefix'\]\) \? self\.value\.startsWith\('(.+)'\) : true$/,
    (m) => (s: Obj) => !isPlainPath(s) || pathValue(s).startsWith(m[1]),
  ],
  [
    /^\(self\.type in \['Exact','PathPrefix'\]\) \? !self\.value\.contains\('(.+)'\) : true$/,
    (m) => (s: Obj) => !isPlainPath(s) || !pathValue(s).includes(m[1]),
  ],
  [
    /^\(self\.type in \['Exact','PathPrefix'\]\) \? !self\.value\.endsWith\('(.+)'\) : true$/,
    (m) => (s: Obj) => !isPlainPath(s) || !pathValue(s).endsWith(m[1]),
  ],
  [
    /^\(self\.type in \['Exact','PathPrefix'\]\) \? self\.value\.matches\(r"""(.+)"""\) : true$/,
    (m) => (s: Obj) => !isPlainPath(s) || new RegExp(m[1]).test(pathValue(s)),
  ],
  // HTTPRoute: at most 128 matches across all rules (the rule unrolls self[0..15]).
  [
    /^\(self\.size\(\) > 0 \? self\[0\]\.matches\.size\(\) : 0\)/,
    () => (s: Obj[]) => s.reduce((n, r) => n + (r.matches?.length ?? 1), 0) <= 128,
  ],
  // HTTPRoute parentRefs: sectionName set on all or none of the refs to one parent, and unique.
  [
    /^self\.all\(p1, self\.all\(p2, p1\.group == p2\.group/,
    () => (s: Obj[]) => s.every((a) => s.every((b) => !sameParent(a, b) || !a.sectionName === !b.sectionName)),
  ],
  [
    /^self\.all\(p1, self\.exists_one\(p2, p1\.group == p2\.group/,
    () => (s: Obj[]) =>
      s.every((a) => s.filter((b) => sameParent(a, b) && (a.sectionName ?? "") === (b.sectionName ?? "")).length === 1),
  ],
];

/** true/false when the rule has a translation, undefined when it cannot be evaluated here. */
export function evaluateCelRule(rule: string, self: unknown): boolean | undefined {
  const exact = EXACT[rule];
  if (exact) return exact(self);
  for (const [re, make] of PATTERNS) {
    const m = rule.match(re);
    if (m) return make(m)(self);
  }
  return undefined;
}

/** Go time.ParseDuration, in milliseconds; null when malformed. */
export function goDurationMs(v: unknown): number | null {
  if (typeof v !== "string" || v === "") return null;
  if (v === "0") return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let sign = 1;
  if (v[0] === "-" || v[0] === "+") {
    sign = v[0] === "-" ? -1 : 1;
    pos = 1;
  }
  re.lastIndex = pos;
  let m: RegExpExecArray | null;
  while (pos < v.length && (m = re.exec(v))) {
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  return pos === v.length && pos > 0 ? sign * total : null;
}

function pathType(s: Obj): string {
  return s.type ?? "PathPrefix";
}
function pathValue(s: Obj): string {
  return s.value ?? "/";
}
function isPlainPath(s: Obj): boolean {
  return ["Exact", "PathPrefix"].includes(pathType(s));
}
function sameParent(a: Obj, b: Obj): boolean {
  return (
    (a.group ?? "gateway.networking.k8s.io") === (b.group ?? "gateway.networking.k8s.io") &&
    (a.kind ?? "Gateway") === (b.kind ?? "Gateway") &&
    a.name === b.name &&
    (a.namespace ?? "") === (b.namespace ?? "")
  );
}
