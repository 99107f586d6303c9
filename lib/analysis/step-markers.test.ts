import { describe, expect, it } from "vitest";
import { placeStepMarkers } from "./step-markers";

const range = { from: 0, to: 600_000 };

describe("placeStepMarkers", () => {
  it("merges steps that start in the same moment into one marker named after the latest", () => {
    const placed = placeStepMarkers(
      [
        { t: 1_000, label: "Step 1: phase INTERNAL" },
        { t: 1_500, label: "Step 2: phase BETA" },
        { t: 2_000, label: "Step 3: weight 10 %" },
      ],
      range,
    );
    expect(placed).toEqual([{ t: 2_000, label: "Steps 1–3: weight 10 %", row: 0, anchor: "start" }]);
  });

  it("puts labels of nearby markers on different rows and starts again at the top when there is room", () => {
    const placed = placeStepMarkers(
      [
        { t: 300_000, label: "Step 5: weight 50 %" },
        { t: 0, label: "Step 3: weight 10 %" },
        { t: 60_000, label: "Step 4: analysis" },
      ],
      range,
    );
    expect(placed.map((p) => [p.label, p.row])).toEqual([
      ["Step 3: weight 10 %", 0],
      ["Step 4: analysis", 1],
      ["Step 5: weight 50 %", 0],
    ]);
  });

  it("keeps a lone step as it is, and runs labels near the right edge leftwards", () => {
    expect(placeStepMarkers([{ t: 5, label: "Step 1: weight 1 %" }], range)).toEqual([
      { t: 5, label: "Step 1: weight 1 %", row: 0, anchor: "start" },
    ]);
    expect(placeStepMarkers([{ t: 590_000, label: "Step 7: weight 100 %" }], range)[0].anchor).toBe("end");
  });
});
