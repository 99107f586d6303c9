import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-bucket";

describe("TokenBuckets", () => {
  it("lets a burst through, throttles the flood with a wait, and refills over time", () => {
    const b = new TokenBuckets({ ratePerSecond: 100, burst: 200 });
    expect(b.take("t", 150, 0)).toBe(0);
    expect(b.take("t", 100, 0)).toBe(1);
    expect(b.take("other", 200, 0)).toBe(0);
    expect(b.take("t", 100, 500)).toBe(0);
    expect(b.take("t", 1_000, 500)).toBeGreaterThanOrEqual(9);
  });
});
