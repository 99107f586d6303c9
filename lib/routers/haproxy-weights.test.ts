import { describe, expect, it } from "vitest";
import { fromHaproxyWeights, toHaproxyWeights } from "./haproxy-weights";

describe("basis points ↔ HAProxy weights", () => {
  it.each([
    [
      { a: 10_000, b: 0 },
      { a: 1, b: 0 },
    ],
    [
      { a: 9_000, b: 1_000 },
      { a: 9, b: 1 },
    ],
    [
      { a: 5_000, b: 5_000 },
      { a: 1, b: 1 },
    ],
    [
      { a: 9_900, b: 100 },
      { a: 99, b: 1 },
    ],
    [
      { a: 7_000, b: 2_000, c: 1_000 },
      { a: 7, b: 2, c: 1 },
    ],
    [
      { a: 9_950, b: 50 },
      { a: 199, b: 1 },
    ],
  ])("keeps the exact ratio of %j", (bp, hw) => {
    expect(toHaproxyWeights(bp)).toEqual(hw);
    expect(fromHaproxyWeights(hw)).toEqual(bp);
  });

  it("uses the nearest ratio within 0..256 and never drops a variant with traffic", () => {
    expect(toHaproxyWeights({ a: 9_999, b: 1 })).toEqual({ a: 256, b: 1 });
    const hw = toHaproxyWeights({ a: 3_333, b: 3_333, c: 3_334 });
    expect(Math.max(...Object.values(hw))).toBeLessThanOrEqual(256);
    const back = fromHaproxyWeights(hw);
    for (const k of ["a", "b", "c"]) expect(Math.abs(back[k] - 3_333)).toBeLessThanOrEqual(1);
  });

  it("read-back shares always sum to 10 000", () => {
    const back = fromHaproxyWeights({ a: 1, b: 1, c: 1 });
    expect(Object.values(back).reduce((s, v) => s + v, 0)).toBe(10_000);
  });
});
