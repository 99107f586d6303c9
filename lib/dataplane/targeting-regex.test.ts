import { describe, expect, it } from "vitest";
import { compileRouting, assignVariant } from "./assign";
import { routingConfigSchema } from "./config-schema";
import { targetingConditionSchema } from "../rollouts/schemas";
import { compileTargetingRegex, targetingRegexProblem } from "./targeting-regex";
import type { RoutingConfig } from "@/lib/routers/types";
import { fakeRequest, makeConfig } from "./testing/fixtures";

const catastrophic = "(a+)+$";
const hostilePath = "/" + "a".repeat(10_000) + "!";

function routingWith(pattern: string): RoutingConfig {
  return makeConfig({
    weights: { champion: 10_000, challenger: 0 },
    rules: [
      { id: "r", conditions: [{ attribute: "path", operator: "regex", values: [pattern] }], variant: "challenger" },
    ],
  });
}

describe("targeting regular expressions run in linear time (RE2)", () => {
  it("a catastrophic pattern, (a+)+$, on a 10 000-character path answers within 1 ms", () => {
    const compiled = compileRouting(routingWith(catastrophic));
    assignVariant(compiled, fakeRequest({ path: "/warm-up" })); // the first request also compiles the matcher's code
    const timings: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = performance.now();
      const { index } = assignVariant(compiled, fakeRequest({ path: hostilePath }));
      timings.push(performance.now() - started);
      expect(index).toBe(0);
    }
    timings.sort((a, b) => a - b);
    expect(assignVariant(compiled, fakeRequest({ path: "/aaaa" })).index).toBe(1); // and it still matches
    expect(timings[10]!, `median ${timings[10]!.toFixed(3)} ms`).toBeLessThan(1);
    // Even the first request on that path (the DFA cache still cold) stays bounded.
    expect(timings[20]!).toBeLessThan(50);
  });

  it("matches as a JavaScript regex would for the patterns people write", () => {
    for (const [pattern, value, expected] of [
      ["^/api/v[12]/users/[0-9]+$", "/api/v2/users/42", true],
      ["^/api/v[12]/users/[0-9]+$", "/api/v3/users/42", false],
      ["billing|refund", "x-refund-y", true],
      ["(?i)^BILL", "billing", true],
      ["\\d{3}", "ab12c", false],
    ] as const) {
      expect(compileTargetingRegex(pattern).test(value), pattern).toBe(expected);
      expect(new RegExp(pattern.replace("(?i)", ""), pattern.startsWith("(?i)") ? "i" : "").test(value)).toBe(expected);
    }
  });

  it("patterns RE2 can't run are refused at the boundary, naming the value", () => {
    expect(targetingRegexProblem("(?=admin)")).toMatch(/look-around/);
    expect(targetingRegexProblem("(a)\\1")).toMatch(/Not a supported regular expression/);
    expect(targetingRegexProblem(catastrophic)).toBeUndefined();
    const parsed = targetingConditionSchema.safeParse({
      attribute: "path",
      operator: "regex",
      values: ["^/ok", "(?!x)"],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["values", 1]);
    const config = routingConfigSchema.safeParse(routingWith("(a)\\1"));
    expect(config.success).toBe(false);
  });
});
