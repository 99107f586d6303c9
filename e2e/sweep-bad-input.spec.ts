import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_API_TOKEN } from "../lib/demo/demo-data";
import type { Role } from "../lib/permissions";
import { E2E_BASE_URL } from "./env";
import { storageState } from "./roles";

// A bad-input sweep over every operation of the OpenAPI document, against the running product:
// hostile path and query parameters (unknown ids, NUL bytes, huge strings) and hostile bodies built
// from each operation's own example (every field in turn given a wrong type, a NUL byte, a huge
// string, an unknown id; the whole body replaced by non-objects and broken JSON). Every answer must
// be a client error or a success, never a server error (5xx).
//
// It leaves the demo as other specs expect it: write operations only get unknown ids in their path,
// and every body carries at least one hostile field; signing out (DELETE /api/v1/auth/token) is not
// swept, since it would end the shared sessions.

interface OpenApiOperation {
  parameters?: { name: string; in: "path" | "query" }[];
  requestBody?: { content: { "application/json": { example?: unknown; schema?: { properties?: object } } } };
}
type OpenApi = { paths: Record<string, Record<string, OpenApiOperation>> };
interface Probe {
  method: string;
  url: string;
  body?: string;
  what: string;
}

const NUL = "x\u0000y";
const HUGE = "A".repeat(100_000);
const UNKNOWN_ID = "does-not-exist-0000";
const HOSTILE_VALUES: [string, unknown][] = [
  ["NUL byte", NUL],
  ["control character", "bell\u0007"],
  ["huge string", HUGE],
  ["number", 123456789],
  ["negative number", -1],
  ["boolean", true],
  ["null", null],
  ["object", { nested: NUL }],
  ["array", [NUL, 1, null]],
];
const WHOLE_BODIES: [string, string][] = [
  ["null body", "null"],
  ["array body", `[${JSON.stringify(NUL)}]`],
  ["string body", JSON.stringify(NUL)],
  ["number body", "42"],
  ["empty object", "{}"],
  ["broken JSON", '{"a":'],
  ["NUL in an unknown key", JSON.stringify({ [NUL]: NUL })],
];
const SKIP = new Set(["delete /api/v1/auth/token"]);
const isIdLike = (name: string) => /(^id$|Id$|^system$|^rollout$|^slug$)/.test(name);

function probesFor(method: string, path: string, op: OpenApiOperation, realIds: Record<string, string>): Probe[] {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
  const queryParams = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const json = op.requestBody?.content["application/json"];
  if (!pathParams.length && !queryParams.length && !json) return [];
  const reads = method === "get";
  const fill = (value: (name: string) => string) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
  // Reads may use real ids (and so reach deeper); writes never do, so the sweep changes nothing.
  const base = fill((name) => (reads && realIds[name]) || UNKNOWN_ID);
  const probes: Probe[] = [];
  for (const [what, value] of [
    ["unknown id", UNKNOWN_ID],
    ["NUL byte", NUL],
    ["huge string", "B".repeat(5_000)],
  ] as const) {
    if (pathParams.length) probes.push({ method, url: fill(() => value), what: `path ${what}`, body: bodyOf(json) });
  }
  for (const name of queryParams)
    for (const [what, value] of [
      ["NUL byte", NUL],
      ["huge string", HUGE.slice(0, 5_000)],
      ["unknown id", UNKNOWN_ID],
      ["negative number", "-1"],
      ["not a date", "2026-13-45"],
    ] as const)
      probes.push({ method, url: `${base}?${name}=${encodeURIComponent(value)}`, what: `query ${name}: ${what}` });
  if (json) {
    for (const [what, body] of WHOLE_BODIES) probes.push({ method, url: base, body, what });
    const example = isObject(json.example) ? json.example : {};
    const fields = new Set([...Object.keys(example), ...Object.keys(json.schema?.properties ?? {})]);
    for (const field of fields) {
      const values: [string, unknown][] = [
        ...HOSTILE_VALUES,
        ...(isIdLike(field) ? [["unknown id", UNKNOWN_ID]] : []),
      ] as [string, unknown][];
      for (const [what, value] of values)
        probes.push({
          method,
          url: base,
          body: JSON.stringify({ ...example, [field]: value }),
          what: `${field}: ${what}`,
        });
      const inner = example[field];
      if (isObject(inner))
        for (const key of Object.keys(inner))
          probes.push({
            method,
            url: base,
            body: JSON.stringify({ ...example, [field]: { ...inner, [key]: NUL } }),
            what: `${field}.${key}: NUL byte`,
          });
    }
  }
  return probes;
}

function bodyOf(json: { example?: unknown } | undefined): string | undefined {
  return json ? JSON.stringify(json.example ?? {}) : undefined;
}
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function sweep(api: APIRequestContext, label: string) {
  const doc = (await (await api.get("/api/v1/openapi.json")).json()) as OpenApi;
  const rollouts = (await (await api.get("/api/v1/rollouts")).json()) as { rollouts?: { id: string }[] };
  const realIds: Record<string, string> = { system: "ticket-classifier" };
  if (rollouts.rollouts?.[0]) realIds.rolloutId = rollouts.rollouts[0].id;
  const failures: string[] = [];
  const acceptedWrites: string[] = [];
  let sent = 0;
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      if (SKIP.has(`${method} ${path}`)) continue;
      for (const probe of probesFor(method, path, op, realIds)) {
        const res = await api.fetch(probe.url, {
          method: probe.method.toUpperCase(),
          headers: { "content-type": "application/json" },
          ...(probe.body !== undefined && probe.method !== "get" ? { data: probe.body } : {}),
        });
        sent++;
        const line = `${label} ${probe.method.toUpperCase()} ${path} (${probe.what}) → ${res.status()}`;
        if (res.status() >= 500) failures.push(line);
        else if (res.ok() && probe.method !== "get") acceptedWrites.push(line);
      }
    }
  console.log(`${label}: ${sent} hostile requests, ${failures.length} server errors`);
  if (acceptedWrites.length) console.log(`accepted writes:\n${acceptedWrites.join("\n")}`);
  expect(sent).toBeGreaterThan(500);
  expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
}

test.describe("bad-input sweep over every OpenAPI operation", () => {
  test.setTimeout(600_000);

  test("as the demo pipeline token (release manager, all scopes): 0 server errors", async () => {
    const api = await playwrightRequest.newContext({
      baseURL: E2E_BASE_URL,
      extraHTTPHeaders: { authorization: `Bearer ${DEMO_API_TOKEN}` },
    });
    await sweep(api, "token");
    await api.dispose();
  });

  for (const role of ["admin", "approver", "auditor"] satisfies Role[])
    test(`signed in as ${role}: 0 server errors`, async () => {
      const api = await playwrightRequest.newContext({
        baseURL: E2E_BASE_URL,
        storageState: storageState(role),
        extraHTTPHeaders: { origin: E2E_BASE_URL },
      });
      await sweep(api, role);
      await api.dispose();
    });
});
