import { describe, expect, it } from "vitest";
import { drift } from "./drift";
import { casesOf, expectClose } from "./reference-vectors.fixture";

describe("drift (reference vectors)", () => {
  it.each(casesOf("drift"))("%s", (_name, c) => {
    const i = c.inputs;
    const r = drift(i.reference_counts, i.current_counts);
    // The vectors label bands like "<0.1 none"; the engine returns the word after the range.
    const bandLabel = { none: "<0.1 none", moderate: "0.1-0.25 moderate", major: ">=0.25 major" }[r.psiBand];
    expectClose(
      {
        reference_proportions: r.reference,
        current_proportions: r.current,
        kl_ref_cur_nats: r.klReferenceCurrent,
        kl_cur_ref_nats: r.klCurrentReference,
        kl_ref_cur_bits: r.klReferenceCurrent / Math.LN2,
        psi: r.psi,
        psi_per_bin: r.psiPerBin,
        js_divergence_nats: r.jsDivergence,
        psi_band: bandLabel,
      },
      c.expected,
      c.tolerance,
    );
  });
});

describe("drift conventions", () => {
  it("an empty current bin makes KL(P||Q) and PSI infinite unless smoothed", () => {
    expect(drift([10, 10], [20, 0]).psi).toBe(Infinity);
    expect(drift([10, 10], [20, 0]).klCurrentReference).toBeGreaterThan(0);
    expect(Number.isFinite(drift([10, 10], [20, 0], { pseudoCount: 0.5 }).psi)).toBe(true);
  });
  it("identical distributions have zero drift", () => {
    expect(drift([1, 2, 3], [2, 4, 6])).toMatchObject({ psi: 0, klReferenceCurrent: 0, psiBand: "none" });
  });
});
