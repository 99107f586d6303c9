import { describe, expect, it } from "vitest";
import { canonicalJson, planHash, type HashablePlan } from "./plan-hash";

const plan: HashablePlan = {
  strategy: "canary",
  steps: [
    { kind: "set_weight", weight: 100 },
    { kind: "analysis", gates: ["errors", "latency"], intervalSeconds: 60 },
    { kind: "set_weight", weight: 10_000 },
  ],
  config: { stickiness: { header: "x-user-id" }, maxInconclusive: 3 },
  gates: [{ name: "errors", threshold: 0.05 }],
  variants: [
    { key: "champion", role: "champion", versionId: "v1" },
    { key: "challenger", role: "challenger", versionId: "v2" },
  ],
};

describe("planHash", () => {
  it("is a sha256 hex digest and stable", () => {
    expect(planHash(plan)).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(plan)).toBe(planHash(structuredClone(plan)));
  });

  it("ignores key order at every depth and variant order", () => {
    const reordered: HashablePlan = {
      variants: [
        { versionId: "v2", role: "challenger", key: "challenger" },
        { role: "champion", versionId: "v1", key: "champion" },
      ],
      gates: [{ threshold: 0.05, name: "errors" }],
      config: { maxInconclusive: 3, stickiness: { header: "x-user-id" } },
      steps: [
        { weight: 100, kind: "set_weight" },
        { intervalSeconds: 60, gates: ["errors", "latency"], kind: "analysis" },
        { weight: 10_000, kind: "set_weight" },
      ],
      strategy: "canary",
    };
    expect(planHash(reordered)).toBe(planHash(plan));
  });

  it("survives a JSON round trip (undefined fields dropped)", () => {
    const withUndefined = { ...plan, config: { ...(plan.config as object), note: undefined } };
    expect(planHash(JSON.parse(JSON.stringify(withUndefined)))).toBe(planHash(plan));
    expect(planHash(withUndefined)).toBe(planHash(plan));
  });

  const edits: [string, (p: HashablePlan) => void][] = [
    ["strategy", (p) => (p.strategy = "blue_green")],
    ["a weight", (p) => ((p.steps[0] as { weight: number }).weight = 200)],
    ["step order", (p) => p.steps.reverse()],
    ["an added step", (p) => p.steps.push({ kind: "pause" })],
    ["a gate list in a step", (p) => ((p.steps[1] as { gates: string[] }).gates = ["errors"])],
    ["config", (p) => ((p.config as { maxInconclusive: number }).maxInconclusive = 4)],
    ["a gate threshold", (p) => ((p.gates as { threshold: number }[])[0].threshold = 0.1)],
    ["a variant's version", (p) => ((p.variants[1] as { versionId: string }).versionId = "v3")],
  ];
  it.each(edits)("changes when %s changes", (_what, edit) => {
    const edited = structuredClone(plan);
    edit(edited);
    expect(planHash(edited)).not.toBe(planHash(plan));
  });
});

describe("canonicalJson", () => {
  it("sorts keys, keeps array order, writes dates as ISO", () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 1, c: 2 }], t: new Date("2025-01-02T03:04:05Z") })).toBe(
      '{"a":[3,{"c":2,"d":1}],"b":1,"t":"2025-01-02T03:04:05.000Z"}',
    );
  });
});
