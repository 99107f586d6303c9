import { describe, expect, it } from "vitest";
import { assignVariant, bucketOf, compileRouting, layoutBuckets } from "./assign";
import { routingConfigSchema } from "./config-schema";
import { murmur3, murmur3Bytes } from "./hash";
import { fakeRequest, makeConfig } from "./testing/fixtures";
import type { RoutingConfig } from "@/lib/routers/types";

const KEYS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

function assignAll(config: RoutingConfig): string[] {
  const c = compileRouting(config);
  return KEYS.map((k) => c.keys[assignVariant(c, fakeRequest({ headers: { "x-user-id": k } })).index]);
}

function share(assigned: string[], key: string): number {
  return assigned.filter((v) => v === key).length / assigned.length;
}

function threeArms(a: number, b: number): RoutingConfig {
  return makeConfig({
    variants: [
      { key: "champion", role: "champion", upstream: "http://127.0.0.1:1", version: "v1" },
      { key: "a", role: "challenger", upstream: "http://127.0.0.1:2", version: "v2" },
      { key: "b", role: "challenger", upstream: "http://127.0.0.1:3", version: "v3" },
    ],
    weights: { champion: 10_000 - a - b, a, b },
  });
}

describe("murmur3", () => {
  it("matches the reference vectors", () => {
    expect(murmur3("")).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("test")).toBe(0xba6bd213);
    expect(murmur3("hello")).toBe(0x248bfa47);
    expect(murmur3("The quick brown fox jumps over the lazy dog")).toBe(0x2e4ff723);
  });

  it("hashes non-ASCII text as UTF-8", () => {
    const s = "usér-π-😀";
    expect(murmur3(s)).toBe(murmur3Bytes(new TextEncoder().encode(s)));
  });

  it("covers every tail length", () => {
    for (const s of ["a", "ab", "abc", "abcd", "abcde"]) {
      expect(murmur3(s)).toBe(murmur3Bytes(new TextEncoder().encode(s)));
    }
  });
});

describe("bucketOf", () => {
  it("is deterministic and in range", () => {
    for (const k of KEYS.slice(0, 500)) {
      const b = bucketOf(k, "s");
      expect(b).toBe(bucketOf(k, "s"));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(10_000);
    }
  });

  it("changes with the salt", () => {
    const same = KEYS.slice(0, 1000).filter((k) => bucketOf(k, "a") === bucketOf(k, "b")).length;
    expect(same).toBeLessThan(10);
  });
});

describe("layoutBuckets", () => {
  it("gives each variant exactly its weight in buckets", () => {
    for (const [a, b] of [
      [0, 0],
      [100, 2500],
      [5000, 5000],
      [7000, 1000],
      [3334, 3333],
      [9999, 1],
    ]) {
      const cfg = threeArms(a, b);
      const table = layoutBuckets(cfg);
      const counts = [0, 0, 0];
      for (const i of table) counts[i]++;
      expect(counts).toEqual([10_000 - a - b, a, b]);
    }
  });

  it("with one challenger: challenger from bucket 0, champion holds the top", () => {
    const table = layoutBuckets(makeConfig({ weights: { champion: 7_500, challenger: 2_500 } }));
    expect(table[0]).toBe(1);
    expect(table[2_499]).toBe(1);
    expect(table[2_500]).toBe(0);
    expect(table[9_999]).toBe(0);
  });

  it("with two challengers, one arm's change never moves the other arm's units", () => {
    const before = layoutBuckets(threeArms(500, 1_000));
    const after = layoutBuckets(threeArms(3_000, 1_000));
    for (let b = 0; b < 10_000; b++) {
      if (before[b] === 2 || after[b] === 2) expect(after[b]).toBe(before[b]);
      if (before[b] !== after[b]) expect([before[b], after[b]].sort()).toEqual([0, 1]);
    }
  });

  it("overflow beyond a lane takes champion buckets from the top", () => {
    const table = layoutBuckets(threeArms(7_000, 1_000));
    expect(table[9_999]).toBe(1);
    expect(table[5_000]).toBe(2);
    expect(table[6_500]).toBe(0);
  });
});

describe("assignVariant", () => {
  it("splits 10 000 unit keys within ±1 percentage point", () => {
    for (const w of [100, 1_000, 2_500, 5_000, 9_000]) {
      const got = share(assignAll(makeConfig({ weights: { champion: 10_000 - w, challenger: w } })), "challenger");
      expect(Math.abs(got - w / 10_000)).toBeLessThanOrEqual(0.01);
    }
    const three = assignAll(threeArms(2_000, 3_000));
    expect(Math.abs(share(three, "a") - 0.2)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(share(three, "b") - 0.3)).toBeLessThanOrEqual(0.01);
  });

  it("is monotonic: raising the weight 1→10→50→100 % only moves units champion → challenger", () => {
    let prev = assignAll(makeConfig({ weights: { champion: 10_000, challenger: 0 } }));
    for (const w of [100, 1_000, 5_000, 10_000]) {
      const next = assignAll(makeConfig({ weights: { champion: 10_000 - w, challenger: w } }));
      for (let i = 0; i < KEYS.length; i++) {
        if (prev[i] === "challenger") expect(next[i]).toBe("challenger");
      }
      prev = next;
    }
    expect(share(prev, "challenger")).toBe(1);
  });

  it("gives the same key the same variant every time", () => {
    const c = compileRouting(makeConfig({ weights: { champion: 5_000, challenger: 5_000 } }));
    for (const k of KEYS.slice(0, 200)) {
      const req = fakeRequest({ headers: { "x-user-id": k } });
      const first = assignVariant(c, req).index;
      for (let n = 0; n < 5; n++) expect(assignVariant(c, req).index).toBe(first);
    }
  });

  it("falls back to the cookie, then to the random source, for the unit key", () => {
    const c = compileRouting(makeConfig({ weights: { champion: 5_000, challenger: 5_000 } }));
    const byCookie = assignVariant(c, fakeRequest({ cookies: { uid: "user-7" } }));
    expect(byCookie.unitKey).toBe("user-7");
    expect(byCookie.index).toBe(assignVariant(c, fakeRequest({ headers: { "x-user-id": "user-7" } })).index);
    expect(assignVariant(c, fakeRequest(), () => 0).index).toBe(1);
    expect(assignVariant(c, fakeRequest(), () => 0.9999).index).toBe(0);
  });

  it("honours the override header for known variants only", () => {
    const c = compileRouting(makeConfig({ weights: { champion: 10_000, challenger: 0 } }));
    const forced = assignVariant(c, fakeRequest({ headers: { "x-switchyard-override": "challenger" } }));
    expect(forced).toMatchObject({ index: 1, reason: "override" });
    const unknown = assignVariant(c, fakeRequest({ headers: { "x-switchyard-override": "nope" } }));
    expect(unknown).toMatchObject({ index: 0, reason: "weights" });
  });

  it("kill switch sends everything to the champion, ignoring override and rules", () => {
    const c = compileRouting(
      makeConfig({
        killSwitch: true,
        weights: { champion: 0, challenger: 10_000 },
        rules: [
          { id: "r", conditions: [{ attribute: "path", operator: "prefix", values: ["/"] }], variant: "challenger" },
        ],
      }),
    );
    const r = assignVariant(c, fakeRequest({ headers: { "x-switchyard-override": "challenger", "x-user-id": "u" } }));
    expect(r).toMatchObject({ index: 0, reason: "kill_switch" });
  });

  it("applies the rule percentage to matching units and lets the rest fall through", () => {
    const c = compileRouting(
      makeConfig({
        weights: { champion: 10_000, challenger: 0 },
        rules: [
          {
            id: "beta",
            conditions: [{ attribute: "header:x-tier", operator: "equals", values: ["beta"] }],
            variant: "challenger",
            percentage: 3_000,
          },
        ],
      }),
    );
    const got = KEYS.map((k) => assignVariant(c, fakeRequest({ headers: { "x-user-id": k, "x-tier": "beta" } })).index);
    expect(Math.abs(got.filter((i) => i === 1).length / KEYS.length - 0.3)).toBeLessThanOrEqual(0.01);
    const other = assignVariant(c, fakeRequest({ headers: { "x-user-id": "u1", "x-tier": "ga" } }));
    expect(other.index).toBe(0);
  });

  it("takes the first matching rule", () => {
    const c = compileRouting(
      makeConfig({
        variants: threeArms(0, 0).variants,
        weights: { champion: 10_000, a: 0, b: 0 },
        rules: [
          { id: "1", conditions: [{ attribute: "query:region", operator: "in", values: ["eu", "uk"] }], variant: "a" },
          { id: "2", conditions: [{ attribute: "path", operator: "prefix", values: ["/predict"] }], variant: "b" },
        ],
      }),
    );
    expect(c.keys[assignVariant(c, fakeRequest({ query: { region: "uk" } })).index]).toBe("a");
    expect(c.keys[assignVariant(c, fakeRequest({ query: { region: "us" } })).index]).toBe("b");
    expect(c.keys[assignVariant(c, fakeRequest({ path: "/other" })).index]).toBe("champion");
  });
});

describe("targeting operators", () => {
  const cases: [string, string[], Record<string, string>, boolean][] = [
    ["equals", ["billing"], { "x-ticket-type": "billing" }, true],
    ["equals", ["billing"], { "x-ticket-type": "tech" }, false],
    ["not_equals", ["billing"], { "x-ticket-type": "tech" }, true],
    ["not_equals", ["billing"], {}, false],
    ["in", ["a", "billing"], { "x-ticket-type": "billing" }, true],
    ["not_in", ["a", "billing"], { "x-ticket-type": "billing" }, false],
    ["not_in", ["a"], { "x-ticket-type": "billing" }, true],
    ["prefix", ["bill"], { "x-ticket-type": "billing" }, true],
    ["regex", ["^b.*g$"], { "x-ticket-type": "billing" }, true],
    ["regex", ["^x"], { "x-ticket-type": "billing" }, false],
    ["exists", [], { "x-ticket-type": "" }, true],
    ["exists", [], {}, false],
  ];
  it.each(cases)("%s %j on %j → %s", (operator, values, headers, expected) => {
    const c = compileRouting(
      makeConfig({
        weights: { champion: 10_000, challenger: 0 },
        rules: [
          {
            id: "r",
            conditions: [{ attribute: "header:X-Ticket-Type", operator: operator as never, values }],
            variant: "challenger",
          },
        ],
      }),
    );
    expect(assignVariant(c, fakeRequest({ headers })).index === 1).toBe(expected);
  });

  it("requires every condition of a rule", () => {
    const c = compileRouting(
      makeConfig({
        weights: { champion: 10_000, challenger: 0 },
        rules: [
          {
            id: "r",
            conditions: [
              { attribute: "cookie:plan", operator: "equals", values: ["pro"] },
              { attribute: "path", operator: "prefix", values: ["/predict"] },
            ],
            variant: "challenger",
          },
        ],
      }),
    );
    expect(assignVariant(c, fakeRequest({ cookies: { plan: "pro" } })).index).toBe(1);
    expect(assignVariant(c, fakeRequest({ cookies: { plan: "pro" }, path: "/health" })).index).toBe(0);
  });
});

describe("routingConfigSchema", () => {
  it("accepts a valid config", () => {
    expect(routingConfigSchema.safeParse(makeConfig()).success).toBe(true);
  });

  it.each([
    ["weights not summing to 10 000", { weights: { champion: 9_000, challenger: 500 } }],
    ["unknown weight key", { weights: { champion: 9_000, ghost: 1_000 } }],
    [
      "rule to unknown variant",
      { rules: [{ id: "r", conditions: [{ attribute: "path", operator: "exists", values: [] }], variant: "ghost" }] },
    ],
    [
      "bad regex",
      {
        rules: [
          { id: "r", conditions: [{ attribute: "path", operator: "regex", values: ["("] }], variant: "challenger" },
        ],
      },
    ],
    [
      "bad attribute",
      {
        rules: [
          { id: "r", conditions: [{ attribute: "body", operator: "exists", values: [] }], variant: "challenger" },
        ],
      },
    ],
    ["mirror to unknown variant", { mirror: { variant: "ghost", sampleBasisPoints: 10_000, routes: ["/predict"] } }],
    ["two champions", { variants: makeConfig().variants.map((v) => ({ ...v, role: "champion" as const })) }],
  ])("refuses %s", (_, over) => {
    expect(routingConfigSchema.safeParse(makeConfig(over as Partial<RoutingConfig>)).success).toBe(false);
  });
});
