import { describe, expect, it } from "vitest";
import { canonical, decideConfig } from "./accept-config";
import { makeConfig } from "./testing/fixtures";

describe("decideConfig", () => {
  const served = makeConfig({ version: 5, epoch: 3 });

  it("applies the first config and newer versions", () => {
    expect(decideConfig(null, 0, served)).toEqual({ outcome: "apply" });
    expect(decideConfig(served, 3, { ...served, version: 6 })).toEqual({ outcome: "apply" });
    expect(decideConfig(served, 3, { ...served, version: 6, epoch: 4 })).toEqual({ outcome: "apply" });
  });

  it("refuses an epoch lower than the highest seen, even for a new router state", () => {
    expect(decideConfig(served, 3, { ...served, version: 9, epoch: 2 })).toMatchObject({
      outcome: "refuse",
      code: "stale_epoch",
    });
    expect(decideConfig(null, 3, { ...served, epoch: 2 })).toMatchObject({ outcome: "refuse", code: "stale_epoch" });
  });

  it("refuses a lower version", () => {
    expect(decideConfig(served, 3, { ...served, version: 4 })).toMatchObject({
      outcome: "refuse",
      code: "stale_version",
    });
  });

  it("treats the same version with the same content as idempotent, raising the epoch if higher", () => {
    expect(decideConfig(served, 3, { ...served })).toEqual({ outcome: "unchanged", raiseEpoch: false });
    expect(decideConfig(served, 3, { ...served, epoch: 7 })).toEqual({ outcome: "unchanged", raiseEpoch: true });
  });

  it("refuses the same version with different content", () => {
    expect(decideConfig(served, 3, { ...served, weights: { champion: 0, challenger: 10_000 } })).toMatchObject({
      outcome: "refuse",
      code: "stale_version",
    });
  });
});

describe("canonical", () => {
  it("ignores key order but not array order", () => {
    expect(canonical({ a: 1, b: { c: 2, d: 3 } })).toBe(canonical({ b: { d: 3, c: 2 }, a: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });
});
