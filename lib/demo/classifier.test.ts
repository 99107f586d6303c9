import { describe, expect, it } from "vitest";
import { trainClassifier } from "./classifier";
import { EXAMPLES } from "./examples";

describe("demo classifier", () => {
  it("gets most of its training examples right, in both flavours", () => {
    for (const flavor of ["unigram", "bigram"] as const) {
      const model = trainClassifier(flavor);
      const correct = EXAMPLES.filter((e) => model.predict(e.text).label === e.label).length;
      expect(correct / EXAMPLES.length).toBeGreaterThan(0.8);
    }
  });

  it("returns a score in (0, 1]", () => {
    const { score } = trainClassifier("unigram").predict("refund my payment");
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
  });

  it("the two flavours disagree on some tickets (shadow agreement is not trivially 100 %)", () => {
    const a = trainClassifier("unigram");
    const b = trainClassifier("bigram");
    const texts = [
      ...EXAMPLES.map((e) => e.text),
      "charged for a late package",
      "app login refund",
      "order address card",
    ];
    expect(texts.some((t) => a.predict(t).label !== b.predict(t).label)).toBe(true);
  });
});
