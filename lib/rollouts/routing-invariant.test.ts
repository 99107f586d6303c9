import { describe, expect, it } from "vitest";
import { assertRoutable, unroutableCause, UnroutableSystemError } from "./routing-invariant";

const champion = { key: "champion", role: "champion" as const, upstream: "http://a", version: "1.4.0" };

describe("routing invariant", () => {
  it("accepts the champion alone and a weighted canary", () => {
    expect(unroutableCause({ variants: [champion], weights: { champion: 10_000 } }, "Tickets")).toBeNull();
    expect(
      unroutableCause(
        {
          variants: [champion, { ...champion, key: "challenger", role: "challenger" }],
          weights: { champion: 9000, challenger: 1000 },
        },
        "Tickets",
      ),
    ).toBeNull();
  });

  it("refuses zero variants, naming the cause", () => {
    expect(() => assertRoutable({ variants: [], weights: {} }, "Tickets")).toThrow(UnroutableSystemError);
    expect(() => assertRoutable({ variants: [], weights: {} }, "Tickets")).toThrow(
      "Tickets has nothing to route to: no slot serves its champion.",
    );
  });

  it("refuses weights for a variant that isn't there, and weights that send nothing anywhere", () => {
    expect(unroutableCause({ variants: [champion], weights: { challenger: 10_000 } }, "Tickets")).toMatch(
      /challenger, which no variant serves/,
    );
    expect(unroutableCause({ variants: [champion], weights: { champion: 0 } }, "Tickets")).toMatch(
      /no variant any traffic/,
    );
  });
});
