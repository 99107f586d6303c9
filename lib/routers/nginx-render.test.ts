import { describe, expect, it } from "vitest";
import { parseNginxHeader, renderNginxConfig } from "./nginx-render";
import { twoArmConfig } from "./testing/routing-config";

const up = { champion: "http://127.0.0.1:7101", challenger: "http://127.0.0.1:7102" };

describe("renderNginxConfig", () => {
  it("splits sticky users in exact basis points, challengers first, champion takes the rest", () => {
    const text = renderNginxConfig(twoArmConfig(up, { challengerBasisPoints: 1_234 }), { upstreamName: "sy" });
    expect(text).toContain(
      'split_clients "${sy_unit}:salt-1" $sy_split {\n    12.34% sy__challenger;\n    * sy__champion;\n}',
    );
    expect(text).toContain("server 127.0.0.1:7101 weight=4383 max_fails=0;");
    expect(text).toContain("server 127.0.0.1:7102 weight=617 max_fails=0;");
  });

  it("leaves zero-weight arms out of the split and the weighted group", () => {
    const text = renderNginxConfig(twoArmConfig(up, { challengerBasisPoints: 0 }), { upstreamName: "sy" });
    expect(text).toMatch(/upstream sy__weighted \{\n {4}server 127\.0\.0\.1:7101 weight=1 max_fails=0;\n\}/);
    expect(text).toContain("    * sy__champion;\n}");
    expect(text).not.toMatch(/% sy__challenger/);
  });

  it("declares version, epoch and served weights in the header and the status JSON", () => {
    const config = twoArmConfig(up, { version: 7, epoch: 3, challengerBasisPoints: 5_000, killSwitch: true });
    const text = renderNginxConfig(config, { upstreamName: "sy" });
    expect(parseNginxHeader(text)).toEqual({ version: 7, epoch: 3, weights: { champion: 10_000, challenger: 0 } });
    expect(text).toContain(
      `default '{"system":"ticket-classifier","version":7,"epoch":3,"weights":{"champion":10000,"challenger":0}}';`,
    );
    expect(text).toContain("map $host $sy_upstream {\n    default sy__champion;\n}");
  });

  it("rejects what it cannot express", () => {
    const bad = (patch: Parameters<typeof twoArmConfig>[1]) => () =>
      renderNginxConfig(twoArmConfig(up, patch), { upstreamName: "sy" });
    expect(bad({ rules: [{ id: "r", conditions: [], variant: "challenger" }] })).toThrow(/targeting rules/);
    expect(bad({ weights: { champion: 9_000, challenger: 500 } })).toThrow(/sum to 9500/);
    expect(bad({ stickiness: { cookie: "user-id" } })).toThrow(/cookie/);
    expect(() => renderNginxConfig(twoArmConfig(up), { upstreamName: "bad name" })).toThrow(/upstreamName/);
    expect(() =>
      renderNginxConfig(twoArmConfig({ ...up, challenger: "http://h:1/path" }), { upstreamName: "sy" }),
    ).toThrow(/path/);
  });
});
